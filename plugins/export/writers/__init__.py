"""The built-in output formats, provided through the ``pressroom_writers`` hook as a third-party format is."""
