"""The catalogue: item model, the one SQL module, source readers and import, snapshot build and verification, the installed-snapshot store, and resident-facing wording."""
