"""What people see: the page of each locale, the embed, the API's docs page, the PDF and print.

- :mod:`.page`: ``/{locale}/`` and the chooser at ``/``; :mod:`.printed`: the printed footer.
- :mod:`.embed`: ``<ai-chatbot-factsheet>`` (``api/assets/embed.js``), its frames and generator.
- :mod:`.docs`: ``/v1/docs``, Swagger UI served from the app.
- :mod:`.llms`: ``/llms.txt``, for language models: the rights and where the text is.
- :mod:`.pdf`: a page laid out as a PDF; :mod:`.pdf_cache`: the PDFs made outside the serving
  processes and kept on disk.
- :mod:`.assets`: the files under ``/static/`` (``api/assets/``: styles, fonts, scripts);
  :mod:`.jinja`: the templates (``api/templates/``).

The files themselves stay in ``api/assets/`` and ``api/templates/``: the served files name the
places of the TypeScript types (``api/types/``) relatively, and their bytes are released.
"""
