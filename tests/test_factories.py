"""Every page type of the School has a factory, so tests can build any tree."""

from wagtail.models import Page, get_page_models

from tests import factories


def test_every_page_model_has_a_factory():
    ours = {
        model
        for model in get_page_models()
        if model._meta.app_label
        in {"home", "lms_courses", "lms_quizzes", "lms_volunteers"}
        and model.is_creatable
    }
    covered = {
        factory._meta.model
        for factory in vars(factories).values()
        if isinstance(factory, type)
        and issubclass(factory, factories.PageFactory)
        and not factory._meta.abstract
    }
    assert ours, "no page models found"
    assert ours <= covered, f"pages without a factory: {ours - covered}"
    assert Page not in covered
