"""ESCO test builders: files in ESCO's CSV format (`files`), real ESCO rows (`real`), and the import run as
the command runs it (`command`). The tests and the benchmark (bench/run.py) both build from here."""
