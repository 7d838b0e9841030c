"""Benchmarks, stress runs, the loopback server, synthetic data and the font build.

Never imported by the runtime packages (an import-linter contract)."""
