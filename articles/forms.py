"""The admin's paste form. It validates; `articles.ingest.ingest_article` stores."""

from __future__ import annotations

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from articles.ingest import MAX_TEXT_CHARS, IngestError, check_text
from articles.models import Article

LANGUAGE_CHOICES = [("", "Detect"), ("id", "Indonesian"), ("en", "English")]


class PasteForm(forms.Form):
    # strip=False: the text is stored exactly as pasted.
    text = forms.CharField(
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 90, "spellcheck": "false"}),
        help_text=f"The article as copied, clutter included; up to {MAX_TEXT_CHARS:,} characters.",
    )
    title = forms.CharField(required=False, max_length=300, help_text="Blank: proposed.")
    outlet = forms.CharField(required=False, max_length=200, help_text="Blank: proposed.")
    url = forms.URLField(
        label="Original URL", required=False, max_length=500, assume_scheme="https"
    )
    published = forms.DateField(
        label="Publication date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Blank: read from the text (relative dates are resolved against it).",
    )
    language = forms.ChoiceField(required=False, choices=LANGUAGE_CHOICES)
    status = forms.ChoiceField(choices=Article.Status.choices, initial=Article.Status.DRAFT)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # NUL bytes get the same message as other binary input, from check_text.
        self.fields["text"].validators = [
            v
            for v in self.fields["text"].validators
            if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        try:
            check_text(text)
        except IngestError as error:
            raise forms.ValidationError(str(error), code="invalid_text") from error
        return text
