"""The secretariat console (大会秘书处): a desktop app over the admin API."""
