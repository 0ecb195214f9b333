"""HTML to paragraphs, shared by the html, feed and eml readers."""

from pressroom.plugins.readers.markup import html_paragraphs


def test_blocks_end_paragraphs_breaks_keep_lines_scripts_are_dropped() -> None:
    html = ("<head><title>T</title><style>p {}</style></head><body><div>Media release<p>First &amp; <b>bold</b>\n"
            "  text.</p></div><script>var x = 1;</script><p>Contact:<br>Press Office<br/>+61 2 0000 0000</p>"
            "<ul><li>One</li><li>Two&nbsp;items</li></ul>Tail</body>")
    assert html_paragraphs(html) == ["Media release", "First & bold text.", "Contact:\nPress Office\n+61 2 0000 0000",
                                     "One", "Two items", "Tail"]
