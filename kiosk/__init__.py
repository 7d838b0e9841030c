"""自助办 kiosk: the headless core (catalogue, search, sync, config, QR, CLI).

Nothing in this package imports PySide6; the Qt front end lives in ``ui/``.
"""

__version__ = "0.1.0"
