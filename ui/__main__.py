"""``python -m ui``: the same as ``kiosk-ui``."""

from ui.cli import main

raise SystemExit(main())
