"""Every HTML fragment of the site comes from an autoescaping Jinja2 template (templates/).

Values are escaped unless they are :class:`markupsafe.Markup` built by another template or by
:func:`helpers.htmltext.link`, so curated text can never become markup by accident.
"""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup


@lru_cache(maxsize=1)
def environment() -> Environment:
    from helpers.style import colon, t

    env = Environment(loader=PackageLoader("helpers", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      comment_start_string="{!--", comment_end_string="--!}")  # '{#id}' is Pandoc's heading id
    env.globals["t"] = t
    env.globals["colon"] = colon
    return env


def render(name: str, **context) -> Markup:
    """Render ``templates/<name>`` with autoescaping; the result is safe markup."""
    return Markup(environment().get_template(name).render(**context))


def macro(name: str, **context) -> Markup:
    """One macro of ``templates/macros.html.j2`` (badges, links, source lists...)."""
    module = environment().get_template("macros.html.j2").module
    return Markup(getattr(module, name)(**context).strip())
