"""What readers see: the timeline page and its parts, one page per event."""
