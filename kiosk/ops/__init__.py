"""Device operations: health checks, technician PIN, printer state, logs, fonts, QR matrices."""
