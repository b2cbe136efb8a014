"""One module per console screen; each page only composes widgets and calls the API."""
