"""The MCP prompt ``prepare_conversation``: the tips and the risks, and how to use them.

A professional chooses it to prepare a conversation with a young person about AI chatbots. It
gives the assistant the two sections in the reader's language, with their attribution, and
tells it to quote rather than paraphrase, to cite every quotation, and to pass the rights and the
translation notice on: the factsheet's words are the publisher's, and a machine translation
must say that it is one.
"""

from __future__ import annotations

from factsheet.loading.locale_info import locale_info

from .answers import answer

__all__ = ["MAX_SITUATION", "conversation_prompt"]

#: The longest description of the situation, in characters.
MAX_SITUATION = 2000

_INSTRUCTIONS = """\
You help a professional who works with young people prepare a conversation with a young person
about their use of AI chatbots. Work only from the factsheet below ({title}, edition {edition},
version {version}), in {language}.

- Choose the tips that fit the situation and the risks to be alert to.
- Quote the factsheet word for word, in quotation marks; do not paraphrase its tips or risks,
  and add nothing to them as if it came from the factsheet.
- Cite every quotation: the factsheet's title, edition and version, and the chunk id
  (such as risks/echo).
- End with the rights statement below, and with the notice about the translation where there is
  one: the text belongs to its original publisher, and a machine translation must say so.
- In a crisis (thoughts of suicide, serious harm) the young person needs human help now: say so
  before anything else.
"""


def conversation_prompt(locale: str, situation: str = "") -> str:
    """The prompt's one message: instructions, the situation if given, the tips and the risks."""
    if len(situation) > MAX_SITUATION:
        raise ValueError(
            f"the situation has {len(situation)} characters; at most {MAX_SITUATION} are allowed"
        )
    tips, risks = answer(locale, "conversation"), answer(locale, "risks")
    citation = tips.data["citation"]
    info = locale_info(locale)
    parts = [
        _INSTRUCTIONS.format(
            title=citation["title"],
            edition=citation["edition"],
            version=citation["version"],
            language=f"{info.english_name} ({info.code})",
        )
    ]
    if situation.strip():
        parts.append(f"The situation, in the professional's words:\n\n> {' '.join(situation.split())}\n")
    parts += [tips.markdown, risks.markdown]
    return "\n".join(parts)
