"""CSV import: reading, planning and writing rows, large files in the background, the admin page."""
