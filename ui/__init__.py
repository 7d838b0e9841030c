"""The resident touch front end: Qt Quick scenes (``ui/qml``) and thin Python adapters.

Only this package imports PySide6; the headless core (``kiosk``) never does.
"""
