"""A course's structure is authored in its original language, and only there.

In the original (Azerbaijani) tree every action works as it always did, and shows in
every language's outline; in a translation (English) the admin refuses to add, move,
reorder, copy or delete, says why and links to the original, and nothing changes.
"""

from django.urls import reverse
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.operations import (
    TranslationCreator,
    translate_object,
    translate_page_subtree,
)

from lms_courses.models import LessonPage, ModulePage
from lms_quizzes.models import QuizPage
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
    admin_in_english,
)

REFUSED = "is a translation (original language: Azerbaijani)"


class StructureAuthoringTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        home = HomePageFactory(parent=root)
        Site.objects.update(root_page=home)
        catalogue = CourseIndexPageFactory(parent=home)
        cls.course = CoursePageFactory(parent=catalogue, title="Border management")
        cls.modules = [
            ModulePageFactory(parent=cls.course, title="Integrated borders"),
            ModulePageFactory(parent=cls.course, title="Identity and documents"),
        ]
        cls.lessons = [
            LessonPageFactory(parent=cls.modules[0], title="Single window"),
            LessonPageFactory(parent=cls.modules[0], title="Cooperation"),
            LessonPageFactory(parent=cls.modules[1], title="Legal identity"),
        ]
        cls.trainer = UserFactory(groups=["Trainers"])
        admin_in_english(cls.trainer)
        cls.english = Locale.objects.get(language_code="en")
        # wagtail-localize publishes translations once the transaction commits.
        with cls.captureOnCommitCallbacks(execute=True):
            creator = TranslationCreator(cls.trainer, [cls.english])
            creator.create_translations(home)
            creator.create_translations(catalogue)
            translate_object(cls.course, [cls.english], user=cls.trainer)
            translate_page_subtree(cls.course.pk, [cls.english], None, cls.trainer)

    def setUp(self):
        self.client.force_login(self.trainer)

    # In the original: everything works as before, in every language.

    def test_a_lesson_added_in_the_original_is_in_every_outline(self):
        self.assertCanCreate(self.modules[1], LessonPage, lesson_form("Passports"))
        self.assertEqual(
            self.titles(self.course),
            ["Single window", "Cooperation", "Legal identity", "Passports"],
        )
        # Not translated yet: the English outline links to the original.
        passports = LessonPage.objects.get(title="Passports")
        self.assertEqual(self.pks(self.english_of(self.course))[-1], passports.pk)
        response = self.client.get(self.lessons[2].url)
        self.assertEqual(response.context["next_item"].page.pk, passports.pk)

    def test_a_module_added_in_the_original_is_in_every_outline(self):
        data = nested_form_data({"title": "Labour migration", "intro": rich_text("")})
        self.assertCanCreate(self.course, ModulePage, data)
        self.assertEqual(
            self.outline(self.course).modules[-1].page.title, data["title"]
        )
        module = ModulePage.objects.get(title="Labour migration")
        english = self.outline(self.english_of(self.course))
        self.assertEqual(english.modules[-1].page.pk, module.pk)

    def test_reordering_the_original_reorders_every_language(self):
        response = self.client.post(self.set_position(self.lessons[1], 0))
        self.assertEqual(response.status_code, 200)
        order = [self.lessons[i] for i in (1, 0, 2)]
        self.assertEqual(self.pks(self.course), [lesson.pk for lesson in order])
        english = [self.english_of(lesson).pk for lesson in order]
        self.assertEqual(self.pks(self.english_of(self.course)), english)
        english_module = self.english_of(self.modules[0])
        self.assertEqual(
            [page.pk for page in english_module.get_children()], english[:2]
        )

    def test_moving_a_lesson_in_the_original_takes_its_translations_along(self):
        lesson, destination = self.lessons[0], self.modules[1]
        url = reverse(
            "wagtailadmin_pages:move_confirm", args=[lesson.pk, destination.pk]
        )
        self.assertEqual(self.client.post(url).status_code, 302)
        order = [self.lessons[i] for i in (1, 2, 0)]
        self.assertEqual(self.pks(self.course), [lesson.pk for lesson in order])
        english = [self.english_of(lesson).pk for lesson in order]
        self.assertEqual(self.pks(self.english_of(self.course)), english)
        moved = self.english_of(lesson)
        self.assertEqual(moved.get_parent().pk, self.english_of(destination).pk)

    def test_deleting_in_the_original_deletes_the_translations(self):
        lesson = self.lessons[0]
        english = self.english_of(lesson)
        url = reverse("wagtailadmin_pages:delete", args=[lesson.pk])
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertFalse(Page.objects.filter(pk__in=[lesson.pk, english.pk]).exists())
        english = [self.english_of(lesson).pk for lesson in self.lessons[1:]]
        self.assertEqual(self.pks(self.english_of(self.course)), english)

    def test_a_bulk_delete_in_the_original_deletes_the_translations(self):
        lesson = self.lessons[1]
        english = self.english_of(lesson)
        response = self.client.post(self.bulk("delete", lesson))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Page.objects.filter(pk__in=[lesson.pk, english.pk]).exists())

    def test_a_lesson_copied_in_the_original_is_in_the_outline(self):
        response = self.client.post(
            reverse("wagtailadmin_pages:copy", args=[self.lessons[0].pk]),
            {
                "new_title": "Single window, again",
                "new_slug": "single-window-again",
                "new_parent_page": self.modules[1].pk,
                "publish_copies": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.titles(self.course)[-1], "Single window, again")

    # In a translation: refused with the reason, a link to the original, no change.

    def test_adding_a_lesson_to_a_translation_is_refused(self):
        module = self.english_of(self.modules[0])
        url = self.add_url(LessonPage, module)
        response = self.client.post(url, lesson_form("Extra lesson"), follow=True)
        self.assertRefused(response, original=self.modules[0])
        self.assertFalse(LessonPage.objects.filter(title="Extra lesson").exists())
        self.assertRefused(self.client.get(url, follow=True), original=self.modules[0])

    def test_adding_a_module_to_a_translation_is_refused(self):
        course = self.english_of(self.course)
        data = nested_form_data({"title": "Extra module", "slug": "extra-module"})
        response = self.client.post(self.add_url(ModulePage, course), data, follow=True)
        self.assertRefused(response, original=self.course)
        self.assertEqual(ModulePage.objects.count(), 4)

    def test_adding_a_quiz_to_a_translation_is_refused(self):
        module = self.english_of(self.modules[0])
        response = self.client.get(self.add_url(QuizPage, module), follow=True)
        self.assertRefused(response, original=self.modules[0])

    def test_reordering_a_translation_is_refused(self):
        module = self.english_of(self.modules[0])
        before = [page.pk for page in module.get_children()]
        lesson = self.english_of(self.lessons[1])
        response = self.client.post(self.set_position(lesson, 0))
        # Wagtail answers a refused permission with a redirect to the dashboard.
        self.assertEqual(response.status_code, 302)
        self.assertEqual([page.pk for page in module.get_children()], before)
        # "Sort menu order" is not offered in the translation, as in the original.
        explore = reverse("wagtailadmin_explore", args=[module.pk])
        self.assertNotContains(self.client.get(explore), f"{explore}?ordering=ord")
        original = reverse("wagtailadmin_explore", args=[self.modules[0].pk])
        self.assertContains(self.client.get(original), f"{original}?ordering=ord")

    def test_moving_a_lesson_within_a_translation_is_refused(self):
        lesson = self.english_of(self.lessons[0])
        destination = self.english_of(self.modules[1])
        url = reverse(
            "wagtailadmin_pages:move_confirm", args=[lesson.pk, destination.pk]
        )
        self.assertRefused(self.client.post(url, follow=True), original=self.lessons[0])
        lesson.refresh_from_db()
        self.assertEqual(lesson.get_parent().pk, self.english_of(self.modules[0]).pk)

    def test_moving_a_lesson_into_a_translation_is_refused(self):
        lesson, destination = self.lessons[0], self.english_of(self.modules[1])
        url = reverse(
            "wagtailadmin_pages:move_confirm", args=[lesson.pk, destination.pk]
        )
        self.assertRefused(self.client.post(url, follow=True), original=self.modules[1])
        lesson.refresh_from_db()
        self.assertEqual(lesson.get_parent().pk, self.modules[0].pk)

    def test_a_bulk_move_within_a_translation_is_refused(self):
        lesson = self.english_of(self.lessons[0])
        destination = self.english_of(self.modules[1])
        response = self.client.post(
            self.bulk("move", lesson), {"chooser": destination.pk}, follow=True
        )
        self.assertRefused(response, original=self.lessons[0])
        lesson.refresh_from_db()
        self.assertEqual(lesson.get_parent().pk, self.english_of(self.modules[0]).pk)

    def test_deleting_a_translation_alone_is_refused(self):
        lesson = self.english_of(self.lessons[0])
        url = reverse("wagtailadmin_pages:delete", args=[lesson.pk])
        self.assertRefused(self.client.post(url, follow=True), original=self.lessons[0])
        self.assertTrue(Page.objects.filter(pk=lesson.pk).exists())
        self.assertEqual(len(self.outline(self.english_of(self.course)).lessons), 3)

    def test_a_bulk_delete_of_a_translation_is_refused(self):
        lesson = self.english_of(self.lessons[0])
        response = self.client.post(self.bulk("delete", lesson), follow=True)
        self.assertRefused(response, original=self.lessons[0])
        self.assertTrue(Page.objects.filter(pk=lesson.pk).exists())

    def test_copying_a_lesson_of_a_translation_is_refused(self):
        lesson = self.english_of(self.lessons[0])
        response = self.client.post(
            reverse("wagtailadmin_pages:copy", args=[lesson.pk]),
            {
                "new_title": "Copied",
                "new_slug": "copied",
                "new_parent_page": lesson.get_parent().pk,
            },
            follow=True,
        )
        self.assertRefused(response, original=self.lessons[0])
        self.assertFalse(Page.objects.filter(title="Copied").exists())

    def test_copying_a_lesson_into_a_translation_is_refused(self):
        destination = self.english_of(self.modules[1])
        response = self.client.post(
            reverse("wagtailadmin_pages:copy", args=[self.lessons[0].pk]),
            {
                "new_title": "Copied",
                "new_slug": "copied",
                "new_parent_page": destination.pk,
            },
            follow=True,
        )
        self.assertRefused(response, original=self.modules[1])
        self.assertFalse(Page.objects.filter(title="Copied").exists())

    def test_a_whole_translation_of_a_course_may_still_be_deleted(self):
        course = self.english_of(self.course)
        self.client.force_login(UserFactory(is_superuser=True))
        url = reverse("wagtailadmin_pages:delete", args=[course.pk])
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertFalse(Page.objects.filter(pk=course.pk).exists())
        self.assertTrue(Page.objects.filter(pk=self.course.pk).exists())

    # wagtail-localize still carries new pages of the original into the translation.

    def test_translate_carries_a_new_lesson_into_the_translation(self):
        lesson = LessonPageFactory(parent=self.modules[1], title="Passports")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtail_localize:submit_page_translation", args=[lesson.pk]),
                {"locales": [self.english.pk]},
            )
        self.assertEqual(response.status_code, 302)
        english = lesson.get_translation(self.english)
        self.assertEqual(english.get_parent().pk, self.english_of(self.modules[1]).pk)
        self.assertTrue(english.live)
        outline = self.outline(self.english_of(self.course))
        self.assertEqual(outline.lessons[-1].page.pk, english.pk)

    # A page a translation holds without an original (made before this rule).

    def test_a_page_without_original_is_flagged_to_trainers_and_may_go(self):
        module = self.english_of(self.modules[0])
        stray = LessonPageFactory(parent=module, title="Stray", locale=self.english)
        self.assertNotIn(stray.pk, self.pks(self.english_of(self.course)))
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[stray.pk]))
        self.assertContains(edit, "learners do not see it in the outline")
        url = reverse("wagtailadmin_pages:delete", args=[stray.pk])
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertFalse(Page.objects.filter(pk=stray.pk).exists())

    def assertRefused(self, response, original):
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.redirect_chain, "the action was not refused")
        self.assertContains(response, REFUSED)
        edit_original = reverse("wagtailadmin_pages:edit", args=[original.pk])
        self.assertContains(response, f'href="{edit_original}"')

    def english_of(self, page):
        return page.get_translation(self.english).specific

    def outline(self, course):
        return self.client.get(course.url).context["outline"]

    def titles(self, course):
        return [item.page.title for item in self.outline(course).lessons]

    def pks(self, course):
        return [item.page.pk for item in self.outline(course).lessons]

    def add_url(self, model, parent):
        meta = model._meta
        return reverse(
            "wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk]
        )

    def set_position(self, page, position):
        url = reverse("wagtailadmin_pages:set_page_position", args=[page.pk])
        return f"{url}?position={position}"

    def bulk(self, action, page):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        return f"{url}?id={page.pk}"


def lesson_form(title):
    body = streamfield([("paragraph_block", rich_text("<p>The lesson text.</p>"))])
    return nested_form_data({"title": title, "body": body})
