"""The set-based import pipeline for development records and status updates (see ADR 0003).

files → headers → records/statuses (validation) → merge/verify (database) → columnar (Parquet);
runner orchestrates one batch. SQL here is assembled from module constants (table and column
names); every value is a bound parameter — hence the `noqa: S608` marks.
"""
