"""Text processing with no Django import: article text, sentences, dates, actors, events.

Plain Python in and out (frozen dataclasses, no I/O), so it can be tested and benchmarked alone.
"""
