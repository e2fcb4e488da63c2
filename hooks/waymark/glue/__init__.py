"""The MkDocs glue: events in, generated pages and finished pages out.

With tools/cli.py, the only room that imports MkDocs, so the glue can be swapped (Material for
MkDocs reaches end of life in 2027; its successor ignores hooks) without touching the logic.
"""
