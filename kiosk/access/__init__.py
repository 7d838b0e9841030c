"""Accessibility in the headless core: handwriting, read-aloud, display script, contrast.

Sits between ``kiosk.session`` (which owns the resident's language and modes) and
``kiosk.ops``; it reads catalogue items but never imports Qt, so the UI adapts it.
"""
