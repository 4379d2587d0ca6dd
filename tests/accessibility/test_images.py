"""No page type can hold an image today, so no image can lack its text alternative.

If someone adds an image block or the rich-text «image» feature, this test
fails to say that images need alt text (or an explicit «decorativa» mark)
before they can be published: WCAG 1.1.1.
"""

from django.apps import apps
from django.test import SimpleTestCase
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.rich_text import features as feature_registry

IMAGE_FEATURES = {"image", "embed"}


def features_of(owner):
    """A rich text's features; none given means Wagtail's defaults, which include images."""
    features = getattr(owner, "features", None)
    return set(feature_registry.get_default_features() if features is None else features)


def walk(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from walk(child)
    if isinstance(block, blocks.ListBlock):
        yield from walk(block.child_block)


class NoImageWithoutAltTests(SimpleTestCase):
    def test_no_field_of_any_page_or_snippet_takes_images(self):
        offenders = []
        for model in apps.get_models():
            if not model.__module__.startswith(("archive.", "home.")):
                continue
            for field in model._meta.get_fields():
                if isinstance(field, StreamField):
                    for block in walk(field.stream_block):
                        rich = isinstance(block, blocks.RichTextBlock)
                        if isinstance(block, ImageChooserBlock | ImageBlock) or (
                            rich and features_of(block) & IMAGE_FEATURES
                        ):
                            offenders.append(f"{model.__name__}.{field.name}: {block.name or type(block).__name__}")
                elif isinstance(field, RichTextField) and features_of(field) & IMAGE_FEATURES:
                    offenders.append(f"{model.__name__}.{field.name}")
        self.assertEqual(
            offenders, [],
            "These fields take images: require alt text (or an explicit «decorativa» mark) before publishing.",
        )
