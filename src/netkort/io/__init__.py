"""Import and export formats: one module per format, bytes in and records out (or back).

No Django here. Each format registers a reader and/or a writer in ``FORMATS`` so the
CLI, the web upload and the tests find it the same way.
"""
