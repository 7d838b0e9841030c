"""Python objects QML talks to: thin adapters over ``kiosk.session`` and ``kiosk.ops``."""
