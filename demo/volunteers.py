"""The demo Migration Volunteers union: its pages, a psychology course, two
qualifications and the pledges volunteers accept.

Strings are ``T`` (Azerbaijani source, English, Russian) like the School's in
``demo.content``. ``load`` builds it all once, after the School, through the page tree,
then translates the pages: English gets everything; Russian gets the union's pages
(the course stays in Azerbaijani and English, as the School's Russian is in progress).
"""

# ruff: noqa: E501 -- prose in three languages, like demo/content.py

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Locale, Page

from accounts.models import User
from demo import content as demo
from demo import pages
from demo.content import T, paragraphs
from home.models import HomePage
from lms_courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms_quizzes.models import QuizPage
from lms_volunteers import hours, letters, shifts
from lms_volunteers.models import (
    DepartmentPage,
    Pledge,
    ProjectPage,
    Qualification,
    Shift,
    SignUp,
    Volunteer,
    VolunteersIndexPage,
)
from lms_volunteers.pipeline import accept_pledges, pledges_in_force
from lms_volunteers.qualifications import grant_by_hand
from lms_volunteers.roles import grant_union_page_permissions

UNION = {
    "slug": "volunteers",
    "founded": 2019,
    "title": T(
        "Miqrasiya Könüllüləri", "Migration Volunteers", "Миграционные волонтёры"
    ),
    "intro": paragraphs(
        T(
            "«Miqrasiya Könüllüləri» İctimai Birliyi 2019-cu ildə yaradılıb. Bu gün birlikdə 7 000-dən çox qeydiyyatdan keçmiş gənc könüllü, 24 əməkdaş və 7 şöbə fəaliyyət göstərir.",
            "The Migration Volunteers public union was founded in 2019. Today it has more than 7,000 registered young volunteers, 24 staff and 7 departments.",
            "Общественное объединение «Миграционные волонтёры» создано в 2019 году. Сегодня в нём более 7 000 зарегистрированных молодых волонтёров, 24 сотрудника и 7 отделов.",
        ),
        T(
            "Könüllülərimiz miqrantlara ərizə formalarını doldurmağa və lazımi sənədləri toplamağa kömək edir, hansı quruma və nə vaxt müraciət etməli olduqlarını izah edir.",
            "Our volunteers help migrants fill in application forms and collect the documents they need, and explain where to turn and when.",
            "Наши волонтёры помогают мигрантам заполнять заявления и собирать нужные документы, объясняют, куда и когда обращаться.",
        ),
        T(
            "COVID-19 pandemiyası dövründəki karantin zamanı könüllülər yaşamaq icazələrini və arayışları miqrantların evinə çatdırdı, vətənlərinə qayıda bilməyən 276 miqranta humanitar yardım göstərdi. İki aylıq bir kampaniyada isə tibb universitetinin 1 000-dən çox xarici tələbəsinə sənədləri ilə kömək etdilər.",
            "During the COVID-19 lockdowns volunteers delivered residence permits and certificates to migrants' homes and brought humanitarian aid to 276 stranded migrants. In one two-month drive they helped more than 1,000 foreign students of a medical university with their documents.",
            "Во время карантина COVID-19 волонтёры доставляли мигрантам на дом виды на жительство и справки и оказали гуманитарную помощь 276 мигрантам, которые не могли вернуться домой. За одну двухмесячную кампанию они помогли с документами более чем 1 000 иностранных студентов медицинского университета.",
        ),
        T(
            "Miqrasiya Məktəbinin ən yaxşı məzunları birliyə qoşulur və təlimlərini bu platformada keçir.",
            "The best graduates of the Migration School join the union and take their trainings on this platform.",
            "Лучшие выпускники Миграционной школы вступают в объединение и проходят обучение на этой платформе.",
        ),
    ),
}

# Projects' dates are days from the day the demo is loaded, so it stays current.
DEPARTMENTS = [
    {
        "slug": "assistance-desk-and-documents",
        "title": T(
            "Qəbul masası və sənədlər",
            "Assistance desk and documents",
            "Приёмная и документы",
        ),
        "summary": T(
            "Miqrantlara ərizə formalarını doldurmağa, sənədlərini toplamağa və düzgün quruma müraciət etməyə kömək edir.",
            "Helps migrants fill in application forms, collect their documents and reach the right office.",
            "Помогает мигрантам заполнять заявления, собирать документы и обращаться в нужное учреждение.",
        ),
        "projects": [
            {
                "slug": "application-help-at-service-centres",
                "title": T(
                    "Xidmət mərkəzlərində ərizə köməyi",
                    "Application help at the service centres",
                    "Помощь с заявлениями в центрах обслуживания",
                ),
                "goal": T(
                    "Miqrantlar müvəqqəti və daimi yaşamaq icazəsi üçün ərizələrini ilk dəfədən tam və düzgün təqdim edir.",
                    "Migrants hand in complete, correct applications for temporary and permanent residence the first time.",
                    "Мигранты с первого раза подают полные и правильно заполненные заявления на временное и постоянное проживание.",
                ),
                "funder": T(
                    "Beynəlxalq Miqrasiya Təşkilatının (BMqT) Azərbaycan nümayəndəliyi",
                    "IOM Azerbaijan",
                    "Представительство МОМ в Азербайджане",
                ),
                "budget": Decimal("48000.00"),
                "target_beneficiaries": 3000,
                "starts_in_days": -150,
                "lasts_days": 365,
                "body": paragraphs(
                    T(
                        "Könüllülər növbə ilə xidmət mərkəzlərində masa arxasında oturur, ərizə formalarını miqrantlarla birlikdə doldurur və çatışmayan sənədlərin siyahısını verir.",
                        "Volunteers take turns at a desk in the service centres, fill in the forms together with migrants and give them a list of the documents still missing.",
                        "Волонтёры по очереди дежурят за столом в центрах обслуживания, заполняют формы вместе с мигрантами и дают им список недостающих документов.",
                    ),
                ),
            },
        ],
    },
    {
        "slug": "home-deliveries-and-humanitarian-aid",
        "title": T(
            "Evə çatdırılma və humanitar yardım",
            "Home deliveries and humanitarian aid",
            "Доставка на дом и гуманитарная помощь",
        ),
        "summary": T(
            "Hazır sənədləri və humanitar yardımı gələ bilməyən miqrantların evinə çatdırır.",
            "Brings finished documents and humanitarian aid to the homes of migrants who cannot come in.",
            "Доставляет готовые документы и гуманитарную помощь на дом мигрантам, которые не могут прийти сами.",
        ),
        "projects": [
            {
                "slug": "winter-aid-for-migrants-in-need",
                "title": T(
                    "Ehtiyacı olan miqrantlara qış yardımı",
                    "Winter aid for migrants in need",
                    "Зимняя помощь нуждающимся мигрантам",
                ),
                "goal": T(
                    "Ən həssas vəziyyətdə olan miqrant ailələri qışı isti və ərzaqla təmin olunmuş keçirir.",
                    "The migrant families in the most vulnerable situations get through the winter warm and fed.",
                    "Семьи мигрантов в самом уязвимом положении переживают зиму в тепле и с продуктами.",
                ),
                "funder": T(
                    "BMT-nin Qaçqınlar üzrə Ali Komissarlığı (UNHCR)",
                    "UNHCR",
                    "УВКБ ООН",
                ),
                "budget": Decimal("36500.00"),
                "target_beneficiaries": 400,
                "starts_in_days": 30,
                "lasts_days": 120,
                "body": paragraphs(
                    T(
                        "Könüllülər ərzaq və gigiyena dəstlərini hazırlayır, ünvanları yoxlayır və yardımı ailələrin evinə çatdırır.",
                        "Volunteers pack food and hygiene kits, check addresses and bring the aid to families' homes.",
                        "Волонтёры собирают продуктовые и гигиенические наборы, проверяют адреса и доставляют помощь семьям на дом.",
                    ),
                ),
            },
        ],
    },
    {
        "slug": "training-and-psychology",
        "title": T(
            "Təlim və psixologiya", "Training and psychology", "Обучение и психология"
        ),
        "summary": T(
            "Könüllüləri işə hazırlayır və çətin vəziyyətdə olan miqrantlara psixoloji dəstək təşkil edir.",
            "Prepares volunteers for their work and organises psychological support for migrants in distress.",
            "Готовит волонтёров к работе и организует психологическую поддержку мигрантам в трудной ситуации.",
        ),
        "projects": [
            {
                "slug": "psychological-support-for-migrants",
                "title": T(
                    "Miqrantlara psixoloji dəstək",
                    "Psychological support for migrants",
                    "Психологическая поддержка мигрантов",
                ),
                "goal": T(
                    "Çətin vəziyyətdə olan miqrantlar psixoloji ilk yardım alır, ehtiyac olduqda isə mütəxəssisə yönləndirilir.",
                    "Migrants in distress receive psychological first aid and, where they need it, reach a professional.",
                    "Мигранты в трудной ситуации получают первую психологическую помощь, а при необходимости — помощь специалиста.",
                ),
                "funder": T(
                    "Avropa İttifaqının maliyyələşdirdiyi layihə",
                    "EU-funded project",
                    "Проект, финансируемый Европейским союзом",
                ),
                "budget": Decimal("65000.00"),
                "target_beneficiaries": 600,
                "starts_in_days": -60,
                "lasts_days": 540,
                "body": paragraphs(
                    T(
                        "Psixoloji ilk yardım təlimini keçmiş könüllülər qəbul masalarında miqrantları dinləyir, sakitləşdirir və psixoloqlarla əlaqələndirir.",
                        "Volunteers trained in psychological first aid listen to and calm migrants at the desks and put them in touch with psychologists.",
                        "Волонтёры, прошедшие обучение первой психологической помощи, выслушивают и успокаивают мигрантов на приёме и связывают их с психологами.",
                    ),
                ),
            },
        ],
    },
    {
        "slug": "students-and-education-migration",
        "title": T(
            "Tələbələr və təhsil miqrasiyası",
            "Students and education migration",
            "Студенты и образовательная миграция",
        ),
        "summary": T(
            "Xarici tələbələrə qeydiyyat, yaşamaq icazəsi və təhsil sənədləri ilə kömək edir.",
            "Helps foreign students with registration, residence permits and their study documents.",
            "Помогает иностранным студентам с регистрацией, видом на жительство и учебными документами.",
        ),
        "projects": [
            {
                "slug": "welcome-desk-for-international-students",
                "title": T(
                    "Xarici tələbələr üçün qarşılama masası",
                    "A welcome desk for international students",
                    "Стойка приёма для иностранных студентов",
                ),
                "goal": T(
                    "Tibb universitetinin xarici tələbələri tədris ilinin əvvəlində qeydiyyat və yaşamaq icazəsi sənədlərini vaxtında hazırlayır.",
                    "Foreign students of the medical university get their registration and residence documents ready in time at the start of the academic year.",
                    "Иностранные студенты медицинского университета вовремя оформляют регистрацию и документы на проживание в начале учебного года.",
                ),
                "funder": T(
                    "Azərbaycan Tibb Universiteti",
                    "Azerbaijan Medical University",
                    "Азербайджанский медицинский университет",
                ),
                "budget": Decimal("12000.00"),
                "target_beneficiaries": 1200,
                "starts_in_days": -20,
                "lasts_days": 60,
                "body": paragraphs(
                    T(
                        "İki ay ərzində könüllülər universitetin yataqxanasında və əsas binasında növbə çəkir, sənədləri tələbələrə ingilis, rus və ərəb dillərində izah edir.",
                        "For two months volunteers keep a desk in the university's hall of residence and main building and explain the paperwork to students in English, Russian and Arabic.",
                        "Два месяца волонтёры дежурят в общежитии и главном корпусе университета и объясняют студентам оформление документов на английском, русском и арабском языках.",
                    ),
                ),
            },
        ],
    },
    {
        "slug": "communication-and-media",
        "title": T(
            "Kommunikasiya və media", "Communication and media", "Коммуникации и медиа"
        ),
        "summary": T(
            "Miqrantlar üçün aydın məlumat materialları hazırlayır və birliyin işi barədə ictimaiyyətə danışır.",
            "Writes clear information for migrants and tells the public about the union's work.",
            "Готовит понятные информационные материалы для мигрантов и рассказывает обществу о работе объединения.",
        ),
        "projects": [],
    },
    {
        "slug": "projects-and-partnerships",
        "title": T(
            "Layihələr və tərəfdaşlıq",
            "Projects and partnerships",
            "Проекты и партнёрства",
        ),
        "summary": T(
            "Donorlar və tərəfdaş təşkilatlarla birgə sosial layihələr hazırlayır və onların icrasını izləyir.",
            "Designs social projects with donors and partner organisations and follows them through.",
            "Разрабатывает социальные проекты вместе с донорами и партнёрскими организациями и сопровождает их выполнение.",
        ),
        "projects": [],
    },
    {
        "slug": "regional-volunteers",
        "title": T(
            "Regional könüllülər", "Regional volunteers", "Региональные волонтёры"
        ),
        "summary": T(
            "Bakıdan kənarda, regionlarda miqrantlara kömək edən könüllü qruplarını birləşdirir.",
            "Brings together the volunteer groups that help migrants in the regions outside Baku.",
            "Объединяет группы волонтёров, которые помогают мигрантам в регионах за пределами Баку.",
        ),
        "projects": [],
    },
]

# The training that makes a volunteer active: eight short lessons in two modules.
COURSE = {
    "slug": "psychological-first-aid-for-volunteers",
    "title": T(
        "Miqrantlarla işləyən könüllülər üçün psixoloji ilk yardım",
        "Psychological first aid for volunteers working with migrants",
        "Первая психологическая помощь для волонтёров, работающих с мигрантами",
    ),
    "summary": T(
        "Çətin vəziyyətdə olan insanı necə görmək, dinləmək və lazımi köməklə əlaqələndirmək, eyni zamanda özünüzə necə qayğı göstərmək.",
        "How to notice, listen to and link a person in distress with the help they need, and how to look after yourself.",
        "Как заметить человека в беде, выслушать его и связать с нужной помощью — и как позаботиться о себе.",
    ),
    "intro": paragraphs(
        T(
            "Bu səkkiz dərslik kurs «Miqrasiya Könüllüləri» birliyinin könüllüləri üçün yazılıb və Ümumdünya Səhiyyə Təşkilatının psixoloji ilk yardım yanaşmasına əsaslanır: baxmaq, dinləmək, əlaqələndirmək.",
            "This eight-lesson course is written for the volunteers of the Migration Volunteers union and follows the World Health Organization's approach to psychological first aid: look, listen, link.",
            "Этот курс из восьми уроков написан для волонтёров объединения «Миграционные волонтёры» и следует подходу Всемирной организации здравоохранения к первой психологической помощи: смотреть, слушать, связывать.",
        ),
        T(
            "Kursu tamamlayan könüllü «Psixoloji ilk yardım» ixtisasını alır: o, iki il qüvvədədir və fəal könüllü olmaq üçün tələb olunur.",
            "Volunteers who complete it earn the “Psychological first aid” qualification: it is valid for two years and required to become an active volunteer.",
            "Завершившие курс волонтёры получают квалификацию «Первая психологическая помощь»: она действует два года и нужна, чтобы стать активным волонтёром.",
        ),
    ),
    "estimated_hours": 3,
    "gcm": [7, 15, 16],
    "sdg": [3, 10],
    "topics": ["psychological first aid", "volunteering"],
}

MODULES = [
    {
        "slug": "understanding-stress-and-crisis",
        "title": T(
            "Stressi və böhranı anlamaq",
            "Understanding stress and crisis",
            "Понимание стресса и кризиса",
        ),
        "summary": T(
            "Psixoloji ilk yardımın nə olduğu və insanların böhrana necə reaksiya verdiyi.",
            "What psychological first aid is and how people react to a crisis.",
            "Что такое первая психологическая помощь и как люди реагируют на кризис.",
        ),
        "gcm": [7, 16],
        "sdg": [3],
        "topics": ["psychological first aid"],
        "lessons": [
            {
                "slug": "what-psychological-first-aid-is",
                "title": T(
                    "Psixoloji ilk yardım nədir",
                    "What psychological first aid is",
                    "Что такое первая психологическая помощь",
                ),
                "summary": T(
                    "Peşəkar terapiya deyil, insani və praktik dəstək.",
                    "Humane, practical support, not professional therapy.",
                    "Человечная практическая поддержка, а не профессиональная терапия.",
                ),
                "minutes": 12,
                "gcm": [7],
                "sdg": [3],
                "topics": ["psychological first aid"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Psixoloji ilk yardım ağır hadisə yaşamış və ya böhran içində olan insana göstərilən insani, dəstəkləyici və praktik köməkdir. Onu göstərmək üçün psixoloq olmaq lazım deyil.",
                                "Psychological first aid is humane, supportive and practical help for a person who has been through a distressing event or is in a crisis. You do not need to be a psychologist to give it.",
                                "Первая психологическая помощь — это человечная, поддерживающая и практическая помощь человеку, пережившему тяжёлое событие или находящемуся в кризисе. Чтобы её оказать, не нужно быть психологом.",
                            ),
                            T(
                                "Könüllü insanı danışmağa məcbur etmir, diaqnoz qoymur və terapiya aparmır. O, təhlükəsizliyi təmin edir, sakitcə dinləyir, əsas ehtiyacları ödəməyə kömək edir və insanı lazımi xidmətlərlə əlaqələndirir.",
                                "A volunteer does not press anyone to talk, does not diagnose and does not offer therapy. They keep the person safe, listen calmly, help with basic needs and connect them with the services they need.",
                                "Волонтёр не заставляет человека говорить, не ставит диагнозов и не проводит терапию. Он обеспечивает безопасность, спокойно выслушивает, помогает с основными нуждами и связывает человека с нужными службами.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "key_term",
                            "title": T(
                                "Baxmaq, dinləmək, əlaqələndirmək",
                                "Look, listen, link",
                                "Смотреть, слушать, связывать",
                            ),
                            "text": paragraphs(
                                T(
                                    "Psixoloji ilk yardımın üç prinsipi: vəziyyətə və insanın ehtiyaclarına baxın, onu diqqətlə dinləyin, onu məlumat və xidmətlərlə əlaqələndirin.",
                                    "The three principles of psychological first aid: look at the situation and the person's needs, listen to them carefully, link them with information and services.",
                                    "Три принципа первой психологической помощи: оцените ситуацию и нужды человека, внимательно выслушайте его, свяжите его с информацией и службами.",
                                )
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "stress-and-crisis-reactions",
                "title": T(
                    "Stress və böhran reaksiyaları",
                    "Stress and crisis reactions",
                    "Реакции на стресс и кризис",
                ),
                "summary": T(
                    "Miqrasiyanın yaratdığı stress və onun adi təzahürləri.",
                    "The stress migration brings and how it usually shows.",
                    "Стресс, который приносит миграция, и как он обычно проявляется.",
                ),
                "minutes": 10,
                "gcm": [7],
                "sdg": [3],
                "topics": ["psychological first aid"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Miqrantlar çox vaxt eyni anda bir neçə stress mənbəyi ilə üzləşir: statusun qeyri-müəyyənliyi, ailədən ayrılıq, dil maneəsi, pul çatışmazlığı və tanış olmayan qaydalar.",
                                "Migrants often face several sources of stress at once: an uncertain status, separation from family, a language barrier, lack of money and unfamiliar rules.",
                                "Мигранты часто сталкиваются сразу с несколькими источниками стресса: неопределённым статусом, разлукой с семьёй, языковым барьером, нехваткой денег и незнакомыми правилами.",
                            ),
                            T(
                                "Yuxusuzluq, əsəbilik, göz yaşları, diqqəti cəmləyə bilməmək və ya hissizlik qeyri-adi vəziyyətə normal reaksiyalardır. Əksər insanlar dəstək və zamanla özünə gəlir.",
                                "Sleeplessness, irritability, tears, trouble concentrating or feeling numb are normal reactions to an abnormal situation. Most people recover with support and time.",
                                "Бессонница, раздражительность, слёзы, трудности с концентрацией или оцепенение — нормальные реакции на ненормальную ситуацию. Большинство людей восстанавливаются при поддержке и со временем.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "warning",
                            "title": T(
                                "Təcili kömək lazım olduqda",
                                "When urgent help is needed",
                                "Когда нужна срочная помощь",
                            ),
                            "text": paragraphs(
                                T(
                                    "İnsan özünə və ya başqasına zərər verməkdən danışırsa, ətrafındakıları tanımırsa və ya özünə qulluq edə bilmirsə, dərhal növbətçi koordinatoru və təcili yardım xidmətini çağırın.",
                                    "If a person talks of harming themselves or others, does not recognise the people around them or cannot take care of themselves, call the duty coordinator and the emergency services at once.",
                                    "Если человек говорит о том, чтобы причинить вред себе или другим, не узнаёт окружающих или не может о себе позаботиться, немедленно вызовите дежурного координатора и экстренные службы.",
                                )
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "preparing-and-looking",
                "title": T(
                    "Hazırlıq və müşahidə",
                    "Preparing and looking",
                    "Подготовка и наблюдение",
                ),
                "summary": T(
                    "Növbədən əvvəl nəyi bilmək və ilk növbədə nəyə baxmaq lazımdır.",
                    "What to know before a shift and what to notice first.",
                    "Что нужно знать до смены и на что смотреть в первую очередь.",
                ),
                "minutes": 10,
                "gcm": [7, 15],
                "sdg": [3],
                "topics": ["psychological first aid"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Növbədən əvvəl yaxınlıqdakı xidmətləri öyrənin: tibb məntəqəsi, sığınacaq, hüquqi yardım, tərcüməçilər və koordinatorun telefon nömrəsi. Məlumatın aktual olduğunu yoxlayın.",
                                "Before a shift, learn which services are nearby: a clinic, a shelter, legal aid, interpreters and the coordinator's phone number. Check that the information is up to date.",
                                "Перед сменой узнайте, какие службы есть поблизости: медпункт, приют, юридическая помощь, переводчики и телефон координатора. Проверьте, что информация актуальна.",
                            ),
                            T(
                                "Yerə çatanda əvvəlcə təhlükəsizliyə, sonra təcili ehtiyacı olan insanlara baxın: yaralılar, uşaqlar, yaşlılar, hamilə qadınlar və ağır həyəcan içində olanlar.",
                                "On arrival, look first at safety, then at the people with urgent needs: the injured, children, older people, pregnant women and anyone in severe distress.",
                                "По прибытии сначала оцените безопасность, затем — людей со срочными нуждами: раненых, детей, пожилых, беременных женщин и всех, кто в сильном смятении.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "tip",
                            "title": T(
                                "Özünüzü təqdim edin",
                                "Introduce yourself",
                                "Представьтесь",
                            ),
                            "text": paragraphs(
                                T(
                                    "Adınızı, birliyin adını və nə ilə kömək edə biləcəyinizi deyin. Yerinə yetirə bilməyəcəyiniz heç nəyi vəd etməyin.",
                                    "Say your name, the union's name and what you can help with. Promise nothing you cannot do.",
                                    "Назовите своё имя, название объединения и то, чем вы можете помочь. Не обещайте того, чего не сможете сделать.",
                                )
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "listening",
                "title": T("Dinləmək", "Listening", "Умение слушать"),
                "summary": T(
                    "Sakit iştirak, fəal dinləmə və deməməli olduğumuz sözlər.",
                    "Calm presence, active listening and what not to say.",
                    "Спокойное присутствие, активное слушание и чего не стоит говорить.",
                ),
                "minutes": 12,
                "gcm": [16],
                "sdg": [3],
                "topics": ["psychological first aid"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Sakit və səssiz bir yer tapın, insanla eyni səviyyədə oturun və ona vaxt verin. Danışmaq istəmirsə, sadəcə yanında olmaq da kömək edir.",
                                "Find a calm, quiet place, sit at the person's eye level and give them time. If they do not want to talk, simply staying with them helps too.",
                                "Найдите спокойное тихое место, сядьте на уровне глаз человека и дайте ему время. Если он не хочет говорить, просто побыть рядом — тоже помощь.",
                            ),
                            T(
                                "Eşitdiyinizi öz sözlərinizlə qısaca təkrarlayın, hisslərini adlandırın və sözünü kəsməyin. «Narahat olmayın, hər şey yaxşı olacaq» və ya «Nə hiss etdiyinizi tam başa düşürəm» kimi ifadələrdən çəkinin.",
                                "Briefly repeat what you heard in your own words, name their feelings and do not interrupt. Avoid phrases such as “Don't worry, everything will be fine” or “I know exactly how you feel”.",
                                "Кратко повторяйте услышанное своими словами, называйте чувства и не перебивайте. Избегайте фраз вроде «Не волнуйтесь, всё будет хорошо» или «Я точно знаю, что вы чувствуете».",
                            ),
                        ),
                    ),
                    (
                        "quick_check_block",
                        {
                            "question": T(
                                "Həyəcan içində olan insan danışmaq istəmir. Nə etməli?",
                                "A person in distress does not want to talk. What should you do?",
                                "Человек в смятении не хочет говорить. Что делать?",
                            ),
                            "choices": [
                                (
                                    T(
                                        "Danışmağa təşviq etmək: bu rahatlıq gətirir",
                                        "Encourage them to talk: it brings relief",
                                        "Убеждать его говорить: это приносит облегчение",
                                    ),
                                    False,
                                ),
                                (
                                    T(
                                        "Yanında qalmaq və praktik kömək təklif etmək",
                                        "Stay with them and offer practical help",
                                        "Остаться рядом и предложить практическую помощь",
                                    ),
                                    True,
                                ),
                            ],
                            "explanation": paragraphs(
                                T(
                                    "İnsanı danışmağa məcbur etmək onu yenidən ağır hadisəyə qaytara bilər; sakit iştirak və praktik kömək daha təhlükəsizdir.",
                                    "Pressing someone to talk can take them back into the distressing event; calm presence and practical help are safer.",
                                    "Принуждение к разговору может вернуть человека в тяжёлое событие; спокойное присутствие и практическая помощь безопаснее.",
                                )
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "slug": "helping-in-practice",
        "title": T("Praktikada kömək", "Helping in practice", "Помощь на практике"),
        "summary": T(
            "Xidmətlərlə əlaqələndirmək, dillər və mədəniyyətlər, xüsusi risk altında olanlar və özünə qayğı.",
            "Linking with services, languages and cultures, people at particular risk, and self-care.",
            "Связь со службами, языки и культуры, люди в группе особого риска и забота о себе.",
        ),
        "gcm": [7, 15, 16],
        "sdg": [3, 10],
        "topics": ["psychological first aid", "volunteering"],
        "lessons": [
            {
                "slug": "linking-people-with-services",
                "title": T(
                    "Xidmətlərlə əlaqələndirmək",
                    "Linking people with services",
                    "Связь со службами",
                ),
                "summary": T(
                    "Yönləndirmə, dəqiq məlumat və boş vədlər verməmək.",
                    "Referral, accurate information and no empty promises.",
                    "Направление, точная информация и никаких пустых обещаний.",
                ),
                "minutes": 10,
                "gcm": [15],
                "sdg": [3, 10],
                "topics": ["psychological first aid"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "İnsandan nəyə ehtiyacı olduğunu soruşun və prioritetləri birlikdə müəyyən edin: yemək, yatacaq yer, dərman, sənədlər, ailə ilə əlaqə.",
                                "Ask what the person needs and set priorities together: food, a place to sleep, medicine, documents, contact with family.",
                                "Спросите, что нужно человеку, и вместе определите приоритеты: еда, ночлег, лекарства, документы, связь с семьёй.",
                            ),
                            T(
                                "Yalnız yoxlanılmış məlumat verin. Cavabını bilmədiyiniz sualları koordinatora ötürün və insana cavabı nə vaxt və necə alacağını deyin.",
                                "Give only information you have checked. Pass questions you cannot answer to the coordinator and tell the person when and how they will hear back.",
                                "Давайте только проверенную информацию. Вопросы, на которые вы не знаете ответа, передавайте координатору и говорите человеку, когда и как он получит ответ.",
                            ),
                            T(
                                "Yönləndirmə kartına xidmətin adını, ünvanını, iş saatlarını və özü ilə gətirməli olduğu sənədləri yazın ki, insan yolu özü tapa bilsin.",
                                "Write the service's name, address, opening hours and the documents to bring on a referral card, so the person can find their own way.",
                                "Запишите на карточке направления название службы, адрес, часы работы и документы, которые нужно взять с собой, чтобы человек смог добраться сам.",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "across-languages-and-cultures",
                "title": T(
                    "Dillər və mədəniyyətlər arasında",
                    "Across languages and cultures",
                    "Между языками и культурами",
                ),
                "summary": T(
                    "Tərcüməçi ilə işləmək və mədəni fərqlərə hörmət.",
                    "Working with interpreters and respecting cultural differences.",
                    "Работа с переводчиком и уважение к культурным различиям.",
                ),
                "minutes": 10,
                "gcm": [16],
                "sdg": [10],
                "topics": ["psychological first aid", "volunteering"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Mümkün olduqda insanın öz dilində danışın və ya peşəkar tərcüməçi çağırın. Uşaqlardan tərcüməçi kimi istifadə etməyin.",
                                "Where you can, speak the person's own language or call a professional interpreter. Do not use children as interpreters.",
                                "По возможности говорите на родном языке человека или пригласите профессионального переводчика. Не используйте детей в качестве переводчиков.",
                            ),
                            T(
                                "Tərcüməçi ilə işləyərkən birbaşa insana müraciət edin, qısa cümlələrlə danışın və mənanın düzgün çatdığını yoxlayın.",
                                "With an interpreter, speak directly to the person, in short sentences, and check that the meaning came across.",
                                "Работая с переводчиком, обращайтесь напрямую к человеку, говорите короткими фразами и проверяйте, что смысл понят верно.",
                            ),
                            T(
                                "Toxunma, göz təması, kişi ilə qadın arasında ünsiyyət müxtəlif mədəniyyətlərdə fərqli qəbul edilir. Əmin deyilsinizsə, soruşun.",
                                "Touch, eye contact and conversation between men and women are read differently across cultures. When unsure, ask.",
                                "Прикосновения, зрительный контакт и общение мужчин и женщин в разных культурах воспринимаются по-разному. Если не уверены — спросите.",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "people-at-particular-risk",
                "title": T(
                    "Xüsusi risk altında olan insanlar",
                    "People at particular risk",
                    "Люди в группе особого риска",
                ),
                "summary": T(
                    "Uşaqlar, zorakılıqdan və insan alverindən zərər çəkənlər: zərər verməmək.",
                    "Children and survivors of violence or trafficking: do no harm.",
                    "Дети, пострадавшие от насилия и торговли людьми: не навреди.",
                ),
                "minutes": 12,
                "gcm": [7],
                "sdg": [3, 10],
                "topics": ["psychological first aid"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Müşayiətsiz uşağı heç vaxt tək qoymayın: dərhal koordinatora xəbər verin və uşaqla yalnız başqa bir böyüyün yanında danışın.",
                                "Never leave an unaccompanied child alone: tell the coordinator at once, and talk with the child only with another adult present.",
                                "Никогда не оставляйте ребёнка без сопровождения одного: сразу сообщите координатору и разговаривайте с ребёнком только в присутствии другого взрослого.",
                            ),
                            T(
                                "Zorakılıq və ya insan alveri əlamətləri görsəniz, insanı təfərrüatları danışmağa məcbur etməyin və sübut toplamağa çalışmayın. Ona təhlükəsiz yerə və ixtisaslaşmış xidmətə çatmağa kömək edin.",
                                "If you see signs of violence or trafficking, do not press the person for details or try to gather evidence. Help them to a safe place and a specialised service.",
                                "Заметив признаки насилия или торговли людьми, не выспрашивайте подробности и не пытайтесь собирать доказательства. Помогите человеку попасть в безопасное место и в специализированную службу.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "key_term",
                            "title": T("Zərər verməmək", "Do no harm", "Не навреди"),
                            "text": paragraphs(
                                T(
                                    "Hər addımda özünüzdən soruşun: mənim köməyim bu insanı daha böyük təhlükəyə ata bilərmi?",
                                    "At every step, ask yourself: could my help put this person in greater danger?",
                                    "На каждом шаге спрашивайте себя: не подвергнет ли моя помощь этого человека большей опасности?",
                                )
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "looking-after-yourself-and-your-team",
                "title": T(
                    "Özünüzə və komandanıza qayğı",
                    "Looking after yourself and your team",
                    "Забота о себе и команде",
                ),
                "summary": T(
                    "Tükənmə, ikincili stress və növbədən sonra müzakirə.",
                    "Burnout, secondary stress and debriefing after a shift.",
                    "Выгорание, вторичный стресс и разбор после смены.",
                ),
                "minutes": 9,
                "gcm": [16],
                "sdg": [3],
                "topics": ["volunteering"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Başqalarının ağrısını dinləmək yorucudur. Yorğunluq, əsəbilik və ya pis yuxu zəiflik deyil: bu, fasilə vermək üçün siqnaldır.",
                                "Listening to other people's pain is tiring. Exhaustion, irritability or poor sleep are not weakness: they are a signal to take a break.",
                                "Слушать чужую боль утомительно. Усталость, раздражительность или плохой сон — не слабость, а сигнал сделать перерыв.",
                            ),
                            T(
                                "Hər növbədən sonra komandanız və ya koordinatorla qısa müzakirə aparın: nə yaxşı alındı, nə çətin oldu, kimə əlavə kömək lazımdır.",
                                "After every shift, hold a short debrief with your team or coordinator: what went well, what was hard, who needs more help.",
                                "После каждой смены проводите короткий разбор с командой или координатором: что получилось, что было трудно, кому нужна дополнительная помощь.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "tip",
                            "title": T(
                                "Həddinizi bilin",
                                "Know your limits",
                                "Знайте свои пределы",
                            ),
                            "text": paragraphs(
                                T(
                                    "Öhdəsindən gələ biləcəyinizdən çox növbə götürməyin və ehtiyac olduqda birliyin psixoloqundan dəstək istəyin.",
                                    "Do not take on more shifts than you can manage, and ask the union's psychologist for support when you need it.",
                                    "Не берите больше смен, чем можете выдержать, и обращайтесь за поддержкой к психологу объединения, когда это нужно.",
                                )
                            ),
                        },
                    ),
                ],
            },
        ],
    },
]

# Granted by the psychology course (required to become active) and by the School's
# first quiz. Qualifications name themselves in each language: no page to translate.
FIRST_AID = {
    "name": T(
        "Psixoloji ilk yardım",
        "Psychological first aid",
        "Первая психологическая помощь",
    ),
    "valid_for_days": 730,
    "required_to_become_active": True,
}
DESK_BASICS = {
    "name": T(
        "Qəbul masasının əsasları",
        "Assistance desk basics",
        "Основы работы приёмной",
    ),
    "valid_for_days": 365,
    "required_to_become_active": False,
}

# A pledge holds one text: written in the site's default language for now.
PLEDGES = {
    Pledge.Kind.CONDUCT: (
        "<p>«Miqrasiya Könüllüləri» İctimai Birliyinin könüllüsü kimi öhdəmə "
        "götürürəm:</p>"
        "<ul>"
        "<li>hər kəsə mənşəyindən, dinindən, statusundan və dilindən asılı olmayaraq "
        "hörmətlə və ayrı-seçkilik etmədən yanaşmaq;</li>"
        "<li>kömək etdiyim insanlardan hədiyyə, pul və ya xidmət qəbul etməmək;</li>"
        "<li>yalnız yoxlanılmış məlumat vermək və yerinə yetirə bilməyəcəyim vədlər "
        "verməmək;</li>"
        "<li>bacarıq və ixtisaslarımın hüdudlarında işləmək, bilmədiyim məsələləri "
        "koordinatora yönləndirmək;</li>"
        "<li>uşaqların və həssas vəziyyətdə olan insanların təhlükəsizliyi ilə bağlı "
        "hər bir narahatlığı dərhal koordinatora bildirmək;</li>"
        "<li>növbələrə vaxtında gəlmək, gələ bilmədikdə isə əvvəlcədən xəbər "
        "vermək.</li>"
        "</ul>"
    ),
    Pledge.Kind.CONFIDENTIALITY: (
        "<p>Könüllü fəaliyyətim zamanı öyrəndiyim şəxsi məlumatları məxfi saxlamağı "
        "öhdəmə götürürəm:</p>"
        "<ul>"
        "<li>miqrantların adlarından, ünvanlarından, sənədlərindən, sağlamlıq və "
        "hüquqi vəziyyətlərindən yalnız onlara kömək üçün lazım olan qədər istifadə "
        "etmək;</li>"
        "<li>bu məlumatları ailəm, dostlarım, media və ya sosial şəbəkələrlə "
        "paylaşmamaq;</li>"
        "<li>insanların və sənədlərinin şəklini çəkməmək, sənədlərin surətlərini "
        "şəxsi telefonumda saxlamamaq;</li>"
        "<li>birlikdən ayrıldıqdan sonra da bu öhdəliyə əməl etmək.</li>"
        "</ul>"
        "<p>Bu öhdəliyin pozulması birlikdən xaric edilməyə səbəb ola bilər.</p>"
    ),
}


def load(accounts: dict, stderr) -> bool:
    """Build the union, its training, pledges, volunteers and shifts, once: its home
    page is the guard.

    Returns False when the union is already there.
    """
    if VolunteersIndexPage.objects.exists():
        return False
    trainer = accounts["trainer"]
    locale = Locale.objects.get(language_code=pages.SOURCE_LANGUAGE)
    union = build_union(HomePage.objects.get(locale=locale), trainer)
    course = build_course(CourseIndexPage.objects.get(locale=locale), trainer)
    qualifications = create_qualifications(
        course, QuizPage.objects.get(slug=demo.QUIZ["slug"], locale=locale)
    )
    create_pledges()
    translate(union, course, trainer, stderr)
    volunteers = create_volunteers(accounts, qualifications)
    create_shifts(volunteers, lead=accounts["union staff"])
    return True


def build_union(home: HomePage, owner) -> VolunteersIndexPage:
    """The union's home under the site's home, its departments and their projects."""
    locale = home.locale
    union = pages.publish(
        home,
        VolunteersIndexPage(
            title=pages.text(UNION["title"]),
            slug=UNION["slug"],
            intro=pages.rich_text(UNION["intro"]),
            founded=UNION["founded"],
            owner=owner,
            locale=locale,
        ),
    )
    grant_union_page_permissions(union)
    today = timezone.localdate()
    for spec in DEPARTMENTS:
        department = pages.publish(
            union,
            DepartmentPage(
                title=pages.text(spec["title"]),
                slug=spec["slug"],
                summary=pages.text(spec["summary"]),
                owner=owner,
                locale=locale,
            ),
        )
        for project in spec["projects"]:
            starts = today + datetime.timedelta(days=project["starts_in_days"])
            pages.publish(
                department,
                ProjectPage(
                    title=pages.text(project["title"]),
                    slug=project["slug"],
                    goal=pages.text(project["goal"]),
                    funder=pages.text(project["funder"]),
                    budget=project["budget"],
                    target_beneficiaries=project["target_beneficiaries"],
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=project["lasts_days"]),
                    body=pages.rich_text(project["body"]),
                    owner=owner,
                    locale=locale,
                ),
            )
    return union


def build_course(catalogue: CourseIndexPage, owner) -> CoursePage:
    """The psychology course in the School's catalogue, open to anyone signed in."""
    locale = catalogue.locale
    course = pages.publish(
        catalogue,
        pages.tagged(
            CoursePage(
                title=pages.text(COURSE["title"]),
                slug=COURSE["slug"],
                summary=pages.text(COURSE["summary"]),
                intro=pages.rich_text(COURSE["intro"]),
                estimated_hours=COURSE["estimated_hours"],
                owner=owner,
                locale=locale,
            ),
            COURSE,
        ),
    )
    for module_spec in MODULES:
        module = pages.publish(
            course,
            pages.tagged(
                ModulePage(
                    title=pages.text(module_spec["title"]),
                    slug=module_spec["slug"],
                    summary=pages.text(module_spec["summary"]),
                    owner=owner,
                    locale=locale,
                ),
                module_spec,
            ),
        )
        for lesson_spec in module_spec["lessons"]:
            pages.publish(
                module,
                pages.tagged(
                    LessonPage(
                        title=pages.text(lesson_spec["title"]),
                        slug=lesson_spec["slug"],
                        summary=pages.text(lesson_spec["summary"]),
                        estimated_minutes=lesson_spec["minutes"],
                        body=pages.stream(lesson_spec["body"], media={}),
                        owner=owner,
                        locale=locale,
                    ),
                    lesson_spec,
                ),
            )
    return course


def create_qualifications(course: CoursePage, quiz: QuizPage) -> list[Qualification]:
    """Psychological first aid (the course) and assistance desk basics (the quiz)."""
    return [
        Qualification.objects.create(
            name_az=spec["name"].az,
            name_en=spec["name"].en,
            name_ru=spec["name"].ru,
            valid_for_days=spec["valid_for_days"],
            required_to_become_active=spec["required_to_become_active"],
            **grants,
        )
        for spec, grants in (
            (FIRST_AID, {"course": course}),
            (DESK_BASICS, {"quiz": quiz}),
        )
    ]


def create_pledges() -> None:
    """Version 1 of the code of conduct and of the confidentiality pledge."""
    for kind, text in PLEDGES.items():
        Pledge.objects.get_or_create(kind=kind, version=1, defaults={"text": text})


def translate(union: VolunteersIndexPage, course: CoursePage, trainer, stderr) -> None:
    """English gets the union and the course; Russian gets the union's pages."""
    union_pages = [union, *Page.objects.descendant_of(union).order_by("path")]
    course_pages = [course, *Page.objects.descendant_of(course).order_by("path")]
    for language, to_translate in (
        ("en", union_pages + course_pages),
        ("ru", union_pages),
    ):
        untranslated = pages.translate(
            to_translate,
            Locale.objects.get(language_code=language),
            translations(language),
            trainer,
        )
        if untranslated:
            stderr.write(
                f"volunteers, {language}: {untranslated} strings left untranslated"
            )


def translations(language: str) -> dict[str, str]:
    """The union's and the course's strings in Azerbaijani mapped to ``language``."""
    return demo.translations(language, [UNION, DEPARTMENTS, COURSE, MODULES])


# Volunteers, shifts and hours ----------------------------------------------

# Active volunteers besides the demo account (who signs in as volunteer@): they fill
# shifts and have served hours. (first name, last name, languages, phone)
VOLUNTEERS = [
    ("Günay", "Əhmədova", "Azerbaijani, Russian, English", "+994 50 201 11 01"),
    ("Tural", "Babayev", "Azerbaijani, Persian, Russian", "+994 50 201 11 02"),
    ("Nərmin", "İsmayılova", "Azerbaijani, English, Arabic", "+994 50 201 11 03"),
    ("Orxan", "Süleymanov", "Azerbaijani, Turkish", "+994 50 201 11 04"),
    ("Fidan", "Hüseynova", "Azerbaijani, Russian, Georgian", "+994 50 201 11 05"),
]

# Shifts of each project (by slug): task, place, start (hours from now, or days at
# a fixed hour), length in hours, places, languages. Shift titles are in the three
# languages.
SHIFTS = {
    "application-help-at-service-centres": [
        (
            T(
                "Ərizə masası: yaşamaq icazəsi formaları",
                "Application desk: residence permit forms",
                "Стойка заявлений: формы вида на жительство",
            ),
            "Bakı, ASAN xidmət №1, 2-ci mərtəbə",
            -3,
            10,
            4,
            3,
            "",
        ),
        (
            T(
                "Ərizə masası: yaşamaq icazəsi formaları",
                "Application desk: residence permit forms",
                "Стойка заявлений: формы вида на жительство",
            ),
            "Bakı, ASAN xidmət №1, 2-ci mərtəbə",
            "soon",
            None,
            4,
            3,
            "Russian",
        ),
        (
            T(
                "Ərizə masası: fars dilli miqrantlar",
                "Application desk: Persian-speaking migrants",
                "Стойка заявлений: мигранты, говорящие на фарси",
            ),
            "Bakı, ASAN xidmət №3",
            3,
            14,
            4,
            2,
            "Persian",
        ),
        (
            T(
                "Ərizə masası: şənbə növbəsi",
                "Application desk: Saturday shift",
                "Стойка заявлений: субботняя смена",
            ),
            "Bakı, ASAN xidmət №1, 2-ci mərtəbə",
            6,
            10,
            5,
            4,
            "",
        ),
    ],
    "winter-aid-for-migrants-in-need": [
        (
            T(
                "Humanitar yardım bağlamalarının hazırlanması",
                "Packing humanitarian aid parcels",
                "Сборка посылок гуманитарной помощи",
            ),
            "Bakı, Xətai r., birliyin anbarı",
            -10,
            11,
            4,
            6,
            "",
        ),
        (
            T(
                "Yardımın evlərə çatdırılması",
                "Delivering aid to homes",
                "Доставка помощи на дом",
            ),
            "Bakı, birliyin ofisi (yığışma yeri)",
            4,
            10,
            6,
            4,
            "",
        ),
    ],
    "psychological-support-for-migrants": [
        (
            T(
                "Dəstək qrupu: dinləmə saatı",
                "Support group: listening hour",
                "Группа поддержки: час слушания",
            ),
            "Bakı, Nəsimi r., icma mərkəzi",
            5,
            17,
            2,
            2,
            "Russian",
        ),
    ],
    "welcome-desk-for-international-students": [
        (
            T(
                "Tibb universitetində qarşılama masası",
                "Welcome desk at the Medical University",
                "Стойка встречи в Медицинском университете",
            ),
            "Bakı, Tibb Universiteti, I korpus",
            2,
            9,
            6,
            5,
            "English",
        ),
        (
            T(
                "Tibb universitetində qarşılama masası",
                "Welcome desk at the Medical University",
                "Стойка встречи в Медицинском университете",
            ),
            "Bakı, Tibb Universiteti, I korpus",
            9,
            9,
            6,
            5,
            "English",
        ),
    ],
}


def create_volunteers(accounts: dict, qualifications) -> list:
    """The demo volunteer account and five others: active, trained, pledges accepted."""
    staff = accounts["union staff"]
    people = [
        (accounts["volunteer"], "Azerbaijani, Russian, English", "+994 55 300 20 10")
    ]
    for number, (first, last, languages, phone) in enumerate(VOLUNTEERS, start=1):
        user, _created = User.objects.get_or_create(
            email=f"volunteer{number:02d}@school.example",
            defaults={"first_name": first, "last_name": last},
        )
        people.append((user, languages, phone))
    joined = timezone.now() - datetime.timedelta(days=200)
    volunteers = []
    for user, languages, phone in people:
        volunteer = Volunteer.objects.create(
            user=user,
            status=Volunteer.Status.ACTIVE,
            languages=languages,
            phone=phone,
            availability="Həftəsonları və axşamlar",
            motivation="Miqrantlara sənədləri ilə kömək etmək istəyirəm.",
            applied_at=joined,
            status_changed_at=joined,
        )
        volunteer.status_changes.create(to_status=volunteer.status, changed_at=joined)
        accept_pledges(volunteer, pledges_in_force())
        for qualification in qualifications:
            grant_by_hand(
                volunteer,
                qualification,
                by=staff,
                reason="Union training, spring intake (before the platform).",
            )
        volunteers.append(volunteer)
    return volunteers


def create_shifts(volunteers: list, lead) -> None:
    """Past shifts with confirmed hours, upcoming ones partly filled, one claim.

    The demo volunteer holds a place on the shift that starts within a day, so the
    reminder job has something to send; the first other volunteer leads one shift.
    """
    now = timezone.now()
    demo_volunteer, *others = volunteers
    for slug, specs in SHIFTS.items():
        project = ProjectPage.objects.get(slug=slug, locale__language_code="az")
        for title, place, day, hour, length, places, languages in specs:
            if day == "soon":  # within a day: the reminder goes out at once
                starts = (now + datetime.timedelta(hours=20)).replace(
                    minute=0, second=0, microsecond=0
                )
            else:
                starts = timezone.localtime(now + datetime.timedelta(days=day)).replace(
                    hour=hour, minute=0, second=0, microsecond=0
                )
            shift = Shift.objects.create(
                project=project,
                title=title.az,
                title_en=title.en,
                title_ru=title.ru,
                place=place,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=length),
                capacity=places,
                required_languages=languages,
                lead=lead if day != 9 else others[0].user,
            )
            if starts < now:
                # History: they signed up before it started, and the lead says who came.
                for volunteer in volunteers[:places]:
                    SignUp.objects.create(
                        shift=shift,
                        volunteer=volunteer,
                        status=SignUp.Status.CONFIRMED,
                        signed_up_at=starts - datetime.timedelta(days=5),
                    )
                Shift.objects.filter(pk=shift.pk).update(
                    places_taken=min(places, len(volunteers))
                )
                came = {
                    sign_up.pk: index != 1
                    for index, sign_up in enumerate(shift.sign_ups.order_by("pk"))
                }
                hours.confirm_attendance(shift, came, by=lead)
                continue
            if day == "soon":
                shifts.sign_up(demo_volunteer, shift)
            # The welcome desks are nearly full; the rest have one volunteer so far.
            eligible = [v for v in others if not shifts.eligibility_problems(v, shift)]
            for volunteer in eligible[: places - 1 if day in (2, 9) else 1]:
                shifts.sign_up(volunteer, shift)
    hours.claim(
        demo_volunteer,
        project=ProjectPage.objects.get(
            slug="psychological-support-for-migrants", locale__language_code="az"
        ),
        worked_on=timezone.localdate() - datetime.timedelta(days=2),
        hours=Decimal("2.5"),
        description="Telefonla iki ailəyə psixoloqun qəbuluna yazılmağa kömək etdim.",
    )
    letters.issue_letter(others[1])  # Tural came to both past shifts
