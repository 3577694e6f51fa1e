"""The discussions' pages, one module per concern.

``lists`` (home, question and article lists, condition pages), ``threads`` (a thread
and its reply tree, permalinks, history), ``posting`` (every form that writes),
``feeds`` (Atom), ``profiles`` (a member's public page) and ``follows``.
"""
