"""What editors use: ingest, review, merging and watches."""
