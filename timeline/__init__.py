"""Policy Timeline: a sourced, filterable chronology of government and industry actions."""
