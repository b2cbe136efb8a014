"""HTTP routes, one module per area; all under ``protocol.API`` (``/api/v1``)."""
