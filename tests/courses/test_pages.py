"""Trainers author the curriculum as Wagtail pages, constrained to the course tree."""

from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage
from lms_courses.models import (
    CourseIndexPage,
    CoursePage,
    CurriculumPage,
    GCMObjective,
    LessonPage,
    ModulePage,
)
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)


class CurriculumTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root)
        Site.objects.update(root_page=cls.home)
        cls.catalogue = CourseIndexPageFactory(parent=cls.home)
        cls.course = CoursePageFactory(parent=cls.catalogue, title="Border management")
        cls.module = ModulePageFactory(parent=cls.course, title="Integrated borders")
        cls.lesson = LessonPageFactory(parent=cls.module, title="Single window")
        cls.trainer = UserFactory(groups=["Trainers"])

    def test_lesson_can_only_be_created_inside_a_module(self):
        self.assertCanCreateAt(ModulePage, LessonPage)
        for parent in (HomePage, CourseIndexPage, CoursePage, LessonPage):
            self.assertCanNotCreateAt(parent, LessonPage)
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_the_tree_is_catalogue_course_module_lesson(self):
        # The site's home also holds other apps' sections (the volunteers' home).
        self.assertTrue({CourseIndexPage} <= set(HomePage.allowed_subpage_models()))
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        # Apps add to what a module holds (quizzes its QuizPage): lessons stay.
        self.assertTrue({LessonPage} <= set(ModulePage.allowed_subpage_models()))
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})

    def test_the_shared_curriculum_base_is_not_a_page_type_of_its_own(self):
        self.assertFalse(CurriculumPage.is_creatable)

    def test_every_curriculum_page_renders_and_previews(self):
        for page in (self.home, self.catalogue, self.course, self.module):
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page)
        self.assertPageIsRenderable(self.lesson)
        lesson_form = nested_form_data(
            {
                "title": self.lesson.title,
                "slug": self.lesson.slug,
                "body": streamfield(
                    [("paragraph_block", rich_text("<p>Preview me.</p>"))]
                ),
            }
        )
        self.assertPageIsPreviewable(self.lesson, post_data=lesson_form)

    def test_every_curriculum_page_is_served_under_the_language_prefix(self):
        # Wagtail's assertPageIsRoutable ignores i18n_patterns' prefix, so route
        # through the real URL configuration instead.
        for page in (self.home, self.catalogue, self.course, self.module, self.lesson):
            with self.subTest(page=type(page).__name__):
                self.assertTrue(page.url.startswith("/az/"))
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"].pk, page.pk)

    def test_trainer_authors_a_lesson_with_every_kind_of_block(self):
        self.client.force_login(self.trainer)
        body = streamfield(
            [
                ("heading_block", {"heading_text": "Why borders matter", "size": "h2"}),
                (
                    "paragraph_block",
                    rich_text("<p>Borders connect as much as they divide.</p>"),
                ),
                (
                    "callout_block",
                    {
                        "kind": "key_term",
                        "title": "Single window",
                        "text": rich_text("<p>One stop.</p>"),
                    },
                ),
                (
                    "case_study_block",
                    {
                        "title": "A joint checkpoint",
                        "setting": "Two neighbouring States",
                        "body": rich_text(
                            "<p>Officers of both sides work in one building.</p>"
                        ),
                        "questions": streamfield(
                            [("item", "What changed for travellers?")]
                        ),
                    },
                ),
                (
                    "video_block",
                    {
                        "video": "https://video.example/border-tour",
                        "title": "A tour of a border post",
                        "transcript": rich_text(
                            "<p>We start at the arrivals hall.</p>"
                        ),
                    },
                ),
            ]
        )
        data = nested_form_data(
            {
                "title": "Joint border checkpoints",
                "slug": "joint-border-checkpoints",
                "summary": "How neighbours share one checkpoint.",
                "estimated_minutes": 9,
                "body": body,
                # As the admin's tag widget sends them: quoted, comma-separated.
                "gcm_objectives": '"GCM 11", "GCM 24"',
                "sdgs": '"SDG 16"',
                "topics": '"border management"',
            }
        )
        self.assertCanCreate(self.module, LessonPage, data)

        lesson = LessonPage.objects.get(slug="joint-border-checkpoints")
        self.assertEqual(
            [block.block_type for block in lesson.body],
            [
                "heading_block",
                "paragraph_block",
                "callout_block",
                "case_study_block",
                "video_block",
            ],
        )
        # A fixed vocabulary: "GCM 24" does not exist and is not invented.
        self.assertEqual([o.number for o in lesson.gcm_objectives.all()], [11])
        self.assertFalse(GCMObjective.objects.filter(name="GCM 24").exists())
        self.assertEqual([t.name for t in lesson.topics.all()], ["border management"])
        self.assertEqual(lesson.owner, self.trainer)
        response = self.client.get(lesson.url)
        self.assertContains(response, "Why borders matter")
        self.assertContains(response, "A joint checkpoint")
        self.assertContains(response, "What changed for travellers?")

    def test_a_draft_is_not_public_until_published(self):
        draft = LessonPageFactory(parent=self.module, title="Draft lesson", live=False)
        draft.save_revision()
        self.assertEqual(self.client.get(draft.url or "/az/nowhere/").status_code, 404)
        draft.get_latest_revision().publish()
        draft.refresh_from_db()
        self.assertEqual(self.client.get(draft.url).status_code, 200)

    def test_scheduled_publishing_makes_a_lesson_live_when_due(self):
        lesson = LessonPageFactory(parent=self.module, title="Tomorrow", live=False)
        lesson.go_live_at = timezone.now() + timedelta(hours=1)
        revision = lesson.save_revision()
        revision.publish()
        self.assertFalse(LessonPage.objects.get(pk=lesson.pk).live)

        call_command("publish_scheduled", verbosity=0)
        self.assertFalse(LessonPage.objects.get(pk=lesson.pk).live)

        # Two hours later, the scheduler's run publishes it.
        later = timezone.now() + timedelta(hours=2)
        with mock.patch("django.utils.timezone.now", return_value=later):
            call_command("publish_scheduled", verbosity=0)
        self.assertTrue(LessonPage.objects.get(pk=lesson.pk).live)

    def test_every_edit_is_kept_as_a_revision(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        for title in ("First title", "Second title"):
            self.lesson.title = title
            self.lesson.save_revision().publish()
        response = self.client.get(
            reverse("wagtailadmin_pages:history", args=[self.lesson.pk])
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.lesson.revisions.count(), 2)

    def test_previous_and_next_lessons_follow_the_tree_across_modules(self):
        second_module = ModulePageFactory(parent=self.course, title="Documents")
        next_lesson = LessonPageFactory(parent=second_module, title="Passports")
        response = self.client.get(self.lesson.url)
        self.assertEqual(response.context["next_item"].page.pk, next_lesson.pk)
        self.assertIsNone(response.context["previous_item"])
        response = self.client.get(next_lesson.url)
        self.assertEqual(response.context["previous_item"].page.pk, self.lesson.pk)
