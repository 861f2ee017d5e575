"""The data going out: the one record reader, CSV and TimelineJS downloads, feeds, the API."""
