"""``radcheck serve``: a local web page to check a draft (``pip install 'radcheck[serve]'``).

``create_app(Settings(...))`` gives the ASGI application (Starlette); ``radcheck.cli.serve`` runs it on
uvicorn.  Pages: ``/`` the check form, ``POST /check`` the report (the ``--format html`` report with its
downloads), ``/rules`` the rule catalogue, ``/static/…`` the page's own stylesheet and script.
Each check runs in its own process with a time and memory limit (``radcheck.serve.worker``).
"""

from radcheck.serve.app import Settings, create_app

__all__ = ["Settings", "create_app"]
