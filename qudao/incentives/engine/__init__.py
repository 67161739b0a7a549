"""The settlement engine: freeze a snapshot (Parquet + manifest), compute with DuckDB over it only,
write the result in bulk. See docs/adr/0004-settlement-engine.md."""
