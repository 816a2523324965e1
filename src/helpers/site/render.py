"""Every HTML fragment, claim page and feed of the site comes from an autoescaping Jinja2 template
(``helpers/site/templates``).

Values are escaped unless they are :class:`markupsafe.Markup` built by another template or by
:func:`helpers.core.escape.link`, so curated text can never become markup by accident.
"""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from helpers.core.escape import meta_text, one_line
from helpers.core.labels import colon, t


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("helpers.site", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      comment_start_string="{!--", comment_end_string="--!}",  # '{#id}' is Pandoc's heading id
                      finalize=one_line)
    env.globals["t"] = t
    env.globals["colon"] = colon
    # front matter: Pandoc reads it as Markdown and Quarto runs shortcodes in it (helpers.core.escape)
    env.filters["meta"] = lambda value: Markup(meta_text(value))
    return env


def render(name: str, **context) -> Markup:
    """Render ``templates/<name>`` with autoescaping; the result is safe markup."""
    return Markup(environment().get_template(name).render(**context))


def macro(name: str, **context) -> Markup:
    """One macro of ``templates/macros.html.j2`` (badges, source links, quotes, joined lists)."""
    module = environment().get_template("macros.html.j2").module
    return Markup(getattr(module, name)(**context).strip())
