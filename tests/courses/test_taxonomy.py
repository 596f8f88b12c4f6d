"""The GCM and SDG vocabularies exist after `migrate`, numbered and titled."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from lms_courses.models import SDG, GCMGuidingPrinciple, GCMObjective, SDGTarget

pytestmark = pytest.mark.django_db


def test_the_23_gcm_objectives_are_loaded_in_order():
    numbers = list(GCMObjective.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 24))
    assert GCMObjective.objects.get(number=11).title_en == (
        "Manage borders in an integrated, secure and coordinated manner"
    )
    assert GCMObjective.objects.get(number=23).name == "GCM 23"


def test_the_10_guiding_principles_are_loaded():
    titles = list(GCMGuidingPrinciple.objects.values_list("title_en", flat=True))
    assert len(titles) == 10
    assert titles[0] == "People-centred"
    assert titles[-1] == "Whole-of-society approach"


def test_the_17_sdgs_and_the_migration_targets_are_loaded():
    assert list(SDG.objects.values_list("number", flat=True)) == list(range(1, 18))
    codes = set(SDGTarget.objects.values_list("code", flat=True))
    assert {
        "10.7",
        "8.8",
        "10.c",
        "16.2",
        "16.9",
        "17.18",
        "5.2",
        "8.7",
        "4.b",
    } <= codes
    target = SDGTarget.objects.get(code="10.7")
    assert target.goal.number == 10
    assert target.title_en.startswith(
        "Facilitate orderly, safe, regular and responsible"
    )


def test_every_reference_title_exists_in_all_three_languages():
    for model in (GCMObjective, GCMGuidingPrinciple, SDG, SDGTarget):
        for item in model.objects.all():
            assert item.title_az and item.title_en and item.title_ru, item


def test_titles_follow_the_active_language():
    objective = GCMObjective.objects.get(number=15)
    with translation.override("en"):
        assert objective.title == "Provide access to basic services for migrants"
    with translation.override("ru"):
        assert objective.title == "Обеспечение доступа мигрантов к базовым услугам"
    with translation.override("az"):
        assert (
            objective.title == "Miqrantların əsas xidmətlərə çıxışının təmin edilməsi"
        )


def test_the_database_refuses_a_24th_objective_or_an_18th_goal():
    with pytest.raises(IntegrityError), transaction.atomic():
        GCMObjective.objects.create(
            number=24,
            name="GCM 24",
            slug="gcm-24",
            title_az="x",
            title_en="x",
            title_ru="x",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SDG.objects.create(
            number=18,
            name="SDG 18",
            slug="sdg-18",
            title_az="x",
            title_en="x",
            title_ru="x",
        )


def test_fixed_vocabularies_do_not_allow_free_tagging():
    assert GCMObjective.free_tagging is False
    assert SDG.free_tagging is False
