"""The ``kiosk`` command: argument parsing and exit codes over the library."""
