"""The hall display: one full-screen view of the sitting for the big screen."""
