"""The demo School: a GCM course drawn from the Migration School's curriculum.

Every string is a ``T`` with its Azerbaijani (source), English and, where written,
Russian text. ``load_demo`` builds the pages in Azerbaijani and translates them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class T:
    az: str
    en: str
    ru: str = ""

    def get(self, language: str) -> str:
        return getattr(self, language) or ""


def paragraphs(*items: T) -> list[T]:
    return list(items)


HOME = {
    "title": T("Miqrasiya Məktəbi", "Migration School", "Миграционная школа"),
    "tagline": T(
        "Təhlükəsiz, nizamlı və qanuni miqrasiya üzrə gənc mütəxəssislər üçün altı aylıq proqram",
        "A six-month programme for young specialists in safe, orderly and regular migration",
        "Шестимесячная программа для молодых специалистов по безопасной, упорядоченной и легальной миграции",
    ),
    "intro": paragraphs(
        T(
            "Miqrasiya Məktəbi hüquq, politologiya, beynəlxalq münasibətlər, regionşünaslıq, şərqşünaslıq, dövlət idarəçiliyi və sosiologiya üzrə tələbələri və məzunları Miqrasiya üzrə Qlobal Saziş və Dayanıqlı İnkişaf Məqsədləri əsasında öyrədir.",
            "The Migration School trains students and recent graduates of law, political science, international relations, regional and oriental studies, public administration and sociology on the Global Compact for Migration and the Sustainable Development Goals.",
            "Миграционная школа обучает студентов и выпускников юридических, политологических, международных, регионоведческих, востоковедческих, управленческих и социологических специальностей на основе Глобального договора о миграции и Целей устойчивого развития.",
        ),
        T(
            "Dərslər onlayn və öz tempinizlə keçilir, canlı məşğələlər isə onlayn və ya hibrid formatda təşkil olunur. Ən fəal məzunlar Miqrasiya Könüllüləri ictimai birliyinə qoşulur.",
            "Lessons are online and self-paced; live classes are online or hybrid. The most active graduates go on to join the Migration Volunteers union.",
            "Уроки проходят онлайн в собственном темпе, живые занятия — онлайн или в гибридном формате. Самые активные выпускники вступают в общественное объединение «Миграционные волонтёры».",
        ),
    ),
}

CATALOGUE = {
    "title": T("Kurslar", "Courses", "Курсы"),
    "slug": "courses",
    "intro": paragraphs(
        T(
            "Kursları Qlobal Sazişin məqsədlərinə, Dayanıqlı İnkişaf Məqsədlərinə və ya mövzulara görə seçin.",
            "Find courses by Global Compact objective, Sustainable Development Goal or topic.",
            "Подбирайте курсы по целям Глобального договора, Целям устойчивого развития или темам.",
        )
    ),
}

# Block values: a T is a translatable string; lists of T are paragraphs of rich text.
COURSE = {
    "slug": "global-compact-for-migration",
    "title": T(
        "Miqrasiya üzrə Qlobal Saziş: prinsiplərdən təcrübəyə",
        "The Global Compact for Migration: from principles to practice",
        "Глобальный договор о миграции: от принципов к практике",
    ),
    "summary": T(
        "Qlobal Sazişin 23 məqsədinin miqrasiya siyasətində, sərhəd idarəçiliyində və miqrantların hüquqlarının müdafiəsində necə tətbiq olunduğunu öyrənin.",
        "Learn how the 23 objectives of the Global Compact shape migration policy, border management and the protection of migrants' rights.",
        "Узнайте, как 23 цели Глобального договора определяют миграционную политику, управление границами и защиту прав мигрантов.",
    ),
    "intro": paragraphs(
        T(
            "2018-ci ildə BMT Baş Assambleyası tərəfindən qəbul edilmiş Təhlükəsiz, Nizamlı və Qanuni Miqrasiya üzrə Qlobal Saziş beynəlxalq miqrasiyanın bütün ölçülərini əhatə edən ilk hökumətlərarası razılaşmadır.",
            "The Global Compact for Safe, Orderly and Regular Migration, adopted by the UN General Assembly in 2018, is the first intergovernmental agreement to cover all dimensions of international migration.",
            "Глобальный договор о безопасной, упорядоченной и легальной миграции, принятый Генеральной Ассамблеей ООН в 2018 году, — первое межправительственное соглашение, охватывающее все аспекты международной миграции.",
        ),
        T(
            "Bu kurs Miqrasiya Məktəbinin kurikulumunu izləyir: hər modul Sazişin məqsədləri və Dayanıqlı İnkişaf Məqsədləri ilə işarələnib.",
            "This course follows the Migration School's curriculum: every module is tagged with the Compact's objectives and the Sustainable Development Goals it serves.",
            "Курс следует программе Миграционной школы: каждый модуль отмечен целями Договора и Целями устойчивого развития, которым он служит.",
        ),
    ),
    "estimated_hours": 36,
    "gcm": [1, 3, 11, 23],
    "sdg": [10, 16, 17],
    "topics": ["global compact", "migration governance"],
}

MODULES = [
    {
        "slug": "regulation-of-migration-processes",
        "title": T(
            "Miqrasiya proseslərinin tənzimlənməsi",
            "Regulation of migration processes",
            "Регулирование миграционных процессов",
        ),
        "summary": T(
            "Qanuni miqrasiya yolları, prosedurlar və dəqiq məlumatın rolu.",
            "Regular pathways, procedures and the role of accurate information.",
            "Каналы легальной миграции, процедуры и роль точной информации.",
        ),
        "gcm": [1, 3, 5, 12],
        "sdg": [10],
        "topics": ["regular migration"],
        "lessons": [
            {
                "slug": "what-the-global-compact-is",
                "title": T(
                    "Qlobal Saziş nədir",
                    "What the Global Compact is",
                    "Что такое Глобальный договор",
                ),
                "summary": T(
                    "Sazişin mənşəyi, hüquqi statusu və quruluşu.",
                    "The Compact's origins, legal status and structure.",
                    "Происхождение, правовой статус и структура Договора.",
                ),
                "minutes": 12,
                "gcm": [23],
                "sdg": [10, 17],
                "topics": ["global compact"],
                "body": [
                    (
                        "heading_block",
                        {
                            "heading_text": T(
                                "Nyu-York Bəyannaməsindən Mərakeşə",
                                "From the New York Declaration to Marrakech",
                                "От Нью-Йоркской декларации до Марракеша",
                            ),
                            "size": "h2",
                        },
                    ),
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "2016-cı ildə BMT-yə üzv dövlətlər Qaçqınlar və Miqrantlar haqqında Nyu-York Bəyannaməsini qəbul edərək miqrasiya üzrə qlobal saziş hazırlamağı öhdələrinə götürdülər.",
                                "In 2016 the UN member States adopted the New York Declaration for Refugees and Migrants and committed to negotiate a global compact on migration.",
                                "В 2016 году государства — члены ООН приняли Нью-Йоркскую декларацию о беженцах и мигрантах и обязались разработать глобальный договор о миграции.",
                            ),
                            T(
                                "Saziş 2018-ci ilin dekabrında Mərakeşdə hökumətlərarası konfransda razılaşdırıldı və BMT Baş Assambleyasının 73/195 saylı qətnaməsi ilə təsdiq edildi.",
                                "The Compact was agreed at an intergovernmental conference in Marrakech in December 2018 and endorsed by UN General Assembly resolution 73/195.",
                                "Договор был согласован на межправительственной конференции в Марракеше в декабре 2018 года и одобрен резолюцией 73/195 Генеральной Ассамблеи ООН.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "key_term",
                            "title": T(
                                "Hüquqi cəhətdən məcburi olmayan saziş",
                                "Legally non-binding",
                                "Юридически необязывающий",
                            ),
                            "text": paragraphs(
                                T(
                                    "Saziş dövlətlərin üzərinə hüquqi öhdəlik qoymur, lakin onların əməkdaşlıq üçün razılaşdırdığı çərçivəni müəyyən edir və milli suverenliyə hörmət edir.",
                                    "The Compact creates no legal obligations for States; it sets out a cooperative framework they agreed on and it upholds national sovereignty.",
                                    "Договор не создаёт юридических обязательств для государств; он закрепляет согласованную ими основу сотрудничества и уважает национальный суверенитет.",
                                )
                            ),
                        },
                    ),
                    (
                        "image_block",
                        {
                            "image": "routes",
                            "alt": T(
                                "Qitələr arasında miqrasiya marşrutlarını göstərən sxematik xəritə",
                                "A schematic map showing migration routes between continents",
                                "Схематическая карта миграционных маршрутов между континентами",
                            ),
                            "caption": T(
                                "Miqrasiya bütün regionları birləşdirir: mənşə, tranzit və təyinat ölkələri.",
                                "Migration connects every region: countries of origin, transit and destination.",
                                "Миграция связывает все регионы: страны происхождения, транзита и назначения.",
                            ),
                            "attribution": T(
                                "Miqrasiya Məktəbi",
                                "Migration School",
                                "Миграционная школа",
                            ),
                        },
                    ),
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Saziş 23 məqsəddən və 10 rəhbər prinsipdən ibarətdir. Hər məqsəd bir öhdəlikdən və onu həyata keçirmək üçün mümkün tədbirlərin siyahısından ibarətdir.",
                                "The Compact has 23 objectives and 10 guiding principles. Each objective states a commitment followed by a list of actions States can draw on to meet it.",
                                "Договор содержит 23 цели и 10 руководящих принципов. Каждая цель формулирует обязательство и перечень действий, которыми государства могут воспользоваться для его выполнения.",
                            ),
                        ),
                    ),
                    (
                        "document_block",
                        {
                            "document": "gcm-summary",
                            "title": T(
                                "Saziş bir baxışda (PDF)",
                                "The Compact at a glance (PDF)",
                                "Договор вкратце (PDF)",
                            ),
                            "description": T(
                                "23 məqsədin bir səhifəlik xülasəsi.",
                                "A one-page summary of the 23 objectives.",
                                "Краткое изложение 23 целей на одной странице.",
                            ),
                        },
                    ),
                    (
                        "quick_check_block",
                        {
                            "question": T(
                                "Qlobal Saziş dövlətlər üçün hüquqi cəhətdən məcburidirmi?",
                                "Is the Global Compact legally binding on States?",
                                "Является ли Глобальный договор юридически обязывающим для государств?",
                            ),
                            "choices": [
                                (T("Bəli", "Yes", "Да"), False),
                                (T("Xeyr", "No", "Нет"), True),
                            ],
                            "explanation": paragraphs(
                                T(
                                    "Saziş hüquqi cəhətdən məcburi deyil; onun gücü dövlətlərin birgə öhdəliyindədir.",
                                    "It is not legally binding; its strength lies in the commitment States made together.",
                                    "Договор не является юридически обязывающим; его сила — в совместном обязательстве государств.",
                                )
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "regular-pathways",
                "title": T(
                    "Qanuni miqrasiya yolları",
                    "Regular pathways for migration",
                    "Каналы легальной миграции",
                ),
                "summary": T(
                    "Məqsəd 5: əmək, təhsil və ailənin birləşməsi yolları.",
                    "Objective 5: labour, study and family reunification pathways.",
                    "Цель 5: трудовые, учебные каналы и воссоединение семей.",
                ),
                "minutes": 10,
                "gcm": [5, 6],
                "sdg": [8, 10],
                "sdg_targets": ["10.7"],
                "topics": ["regular migration", "labour migration"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Qanuni yollar miqrantlara təhlükəsiz hərəkət etməyə və hüquqlarından istifadə etməyə imkan verir. Onlar məhdud olduqda insanlar daha çox qeyri-qanuni və təhlükəli marşrutlara üz tuturlar.",
                                "Regular pathways let migrants move safely and use their rights. Where they are scarce, people turn to irregular and dangerous routes.",
                                "Легальные каналы позволяют мигрантам перемещаться безопасно и пользоваться своими правами. Там, где их мало, люди прибегают к нерегулярным и опасным маршрутам.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "tip",
                            "title": T("Yadda saxlayın", "Remember", "Запомните"),
                            "text": paragraphs(
                                T(
                                    "Sadə və şəffaf prosedurlar həm miqrantlar, həm də dövlət orqanları üçün vaxta qənaət edir.",
                                    "Simple, transparent procedures save time for migrants and for public authorities alike.",
                                    "Простые и прозрачные процедуры экономят время и мигрантам, и государственным органам.",
                                )
                            ),
                        },
                    ),
                    (
                        "case_study_block",
                        {
                            "title": T(
                                "Elektron iş icazəsi",
                                "An electronic work permit",
                                "Электронное разрешение на работу",
                            ),
                            "setting": T(
                                "Miqrasiya xidməti, 2019",
                                "A migration service, 2019",
                                "Миграционная служба, 2019 год",
                            ),
                            "body": paragraphs(
                                T(
                                    "Miqrasiya xidməti iş icazəsi üçün müraciətləri onlayn qəbul etməyə başladı. Orta gözləmə müddəti azaldı, işəgötürənlər isə prosesin hər mərhələsini izləyə bildilər.",
                                    "A migration service began accepting work-permit applications online. Average waiting times fell and employers could follow every step of the process.",
                                    "Миграционная служба начала принимать заявления на разрешение на работу онлайн. Среднее время ожидания сократилось, а работодатели смогли отслеживать каждый этап процесса.",
                                ),
                            ),
                            "questions": [
                                T(
                                    "Hansı miqrantlar onlayn müraciətdə çətinlik çəkə bilər?",
                                    "Which migrants might struggle to apply online?",
                                    "Каким мигрантам может быть трудно подать заявление онлайн?",
                                ),
                                T(
                                    "Bu islahat Sazişin hansı məqsədlərinə xidmət edir?",
                                    "Which objectives of the Compact does this reform serve?",
                                    "Каким целям Договора служит эта реформа?",
                                ),
                            ],
                        },
                    ),
                ],
            },
            {
                "slug": "information-at-every-stage",
                "title": T(
                    "Miqrasiyanın hər mərhələsində məlumat",
                    "Information at every stage of migration",
                    "Информация на каждом этапе миграции",
                ),
                "summary": T(
                    "Məqsəd 3 və 12: dəqiq məlumat və proqnozlaşdırıla bilən prosedurlar.",
                    "Objectives 3 and 12: accurate information and predictable procedures.",
                    "Цели 3 и 12: точная информация и предсказуемые процедуры.",
                ),
                "minutes": 8,
                "gcm": [3, 12],
                "sdg": [10],
                "topics": ["information"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Miqrantlar getməzdən əvvəl, yolda və gəldikdən sonra dəqiq məlumata ehtiyac duyurlar: sənədlər, hüquqlar, xidmətlər və kömək üçün kimə müraciət etmək.",
                                "Migrants need accurate information before they leave, on the way and after they arrive: documents, rights, services and whom to ask for help.",
                                "Мигрантам нужна точная информация до отъезда, в пути и после прибытия: документы, права, услуги и к кому обратиться за помощью.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "warning",
                            "title": T(
                                "Yanlış məlumat", "Misinformation", "Дезинформация"
                            ),
                            "text": paragraphs(
                                T(
                                    "Sosial şəbəkələrdəki yoxlanılmamış məsləhətlər miqrantları fırıldaqçılara və qaçaqmalçılara qarşı həssas edir.",
                                    "Unchecked advice on social media leaves migrants exposed to fraudsters and smugglers.",
                                    "Непроверенные советы в социальных сетях делают мигрантов уязвимыми для мошенников и контрабандистов.",
                                )
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "slug": "border-management",
        "title": T("Sərhəd idarəçiliyi", "Border management", "Управление границами"),
        "summary": T(
            "İnteqrasiya olunmuş, təhlükəsiz və əlaqələndirilmiş sərhəd idarəçiliyi.",
            "Integrated, secure and coordinated management of borders.",
            "Комплексное, безопасное и скоординированное управление границами.",
        ),
        "gcm": [4, 9, 11],
        "sdg": [16],
        "topics": ["border management"],
        "lessons": [
            {
                "slug": "integrated-border-management",
                "title": T(
                    "İnteqrasiya olunmuş sərhəd idarəçiliyi",
                    "Integrated border management",
                    "Комплексное управление границами",
                ),
                "summary": T(
                    "Sərhəddə qurumlar və ölkələr arasında əməkdaşlıq.",
                    "Cooperation between agencies and countries at the border.",
                    "Сотрудничество ведомств и стран на границе.",
                ),
                "minutes": 10,
                "gcm": [11],
                "sdg": [16],
                "topics": ["border management"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Məqsəd 11 dövlətləri sərhədləri insan hüquqlarına hörmətlə, təhlükəsiz və əlaqələndirilmiş şəkildə idarə etməyə çağırır.",
                                "Objective 11 calls on States to manage their borders securely and in coordination, with respect for human rights.",
                                "Цель 11 призывает государства управлять границами безопасно и скоординированно, уважая права человека.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "key_term",
                            "title": T("Vahid pəncərə", "Single window", "Единое окно"),
                            "text": paragraphs(
                                T(
                                    "Sərhəddən keçən şəxsin bütün yoxlamaları bir nöqtədə, bir dəfə aparması prinsipi.",
                                    "The principle that a traveller goes through every check once, at one point.",
                                    "Принцип, при котором путешественник проходит все проверки один раз и в одном месте.",
                                )
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "identity-and-documents",
                "title": T(
                    "Şəxsiyyət və sənədlər",
                    "Identity and documents",
                    "Личность и документы",
                ),
                "summary": T(
                    "Məqsəd 4 və DİM 16.9: hər kəs üçün hüquqi şəxsiyyət.",
                    "Objective 4 and SDG target 16.9: legal identity for all.",
                    "Цель 4 и задача ЦУР 16.9: законная личность для всех.",
                ),
                "minutes": 9,
                "gcm": [4],
                "sdg": [16],
                "sdg_targets": ["16.9"],
                "topics": ["documents"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Sənədsiz insan xidmətlərə, işə və müdafiəyə çıxış əldə edə bilmir. Konsulluqlar və miqrasiya xidmətləri sənədlərin verilməsini asanlaşdırmaqla həssaslığı azaldır.",
                                "A person without documents cannot reach services, work or protection. Consulates and migration services reduce vulnerability by making documents easier to obtain.",
                                "Человек без документов не может получить доступ к услугам, работе и защите. Консульства и миграционные службы снижают уязвимость, упрощая получение документов.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "migration-policy-making",
        "title": T(
            "Miqrasiya siyasətinin hazırlanması",
            "Migration policy-making",
            "Разработка миграционной политики",
        ),
        "summary": T(
            "Sübuta əsaslanan siyasət: məlumatdan qərara.",
            "Evidence-based policy: from data to decisions.",
            "Политика на основе фактических данных: от данных к решениям.",
        ),
        "gcm": [1, 2],
        "sdg": [10, 17],
        "topics": ["data", "policy"],
        "lessons": [
            {
                "slug": "data-for-migration-policy",
                "title": T(
                    "Miqrasiya siyasəti üçün məlumatlar",
                    "Data for migration policy",
                    "Данные для миграционной политики",
                ),
                "summary": T(
                    "Məqsəd 1 və DİM 17.18: bölgüsü aparılmış məlumatlar.",
                    "Objective 1 and SDG target 17.18: disaggregated data.",
                    "Цель 1 и задача ЦУР 17.18: дезагрегированные данные.",
                ),
                "minutes": 11,
                "gcm": [1],
                "sdg": [17],
                "sdg_targets": ["17.18"],
                "topics": ["data"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Miqrasiya statusu, cins və yaş üzrə bölgüsü aparılmış məlumatlar olmadan siyasətçilər kimə kömək lazım olduğunu görə bilmirlər.",
                                "Without data broken down by migratory status, sex and age, policy-makers cannot see who needs help.",
                                "Без данных в разбивке по миграционному статусу, полу и возрасту политики не видят, кому нужна помощь.",
                            ),
                        ),
                    ),
                    (
                        "case_study_block",
                        {
                            "title": T(
                                "Məlumat boşluğu", "A data gap", "Пробел в данных"
                            ),
                            "setting": T(
                                "Əmək miqrasiyası statistikası",
                                "Labour migration statistics",
                                "Статистика трудовой миграции",
                            ),
                            "body": paragraphs(
                                T(
                                    "Bir nazirlik xarici işçilərin sayını bilirdi, lakin onların hansı sektorlarda çalışdığını bilmirdi. Sektor üzrə məlumat toplanandan sonra təlim proqramları işəgötürənlərin ehtiyaclarına uyğunlaşdırıldı.",
                                    "A ministry knew how many foreign workers there were but not in which sectors they worked. Once sector data was collected, training programmes were matched to employers' needs.",
                                    "Министерство знало число иностранных работников, но не знало, в каких отраслях они заняты. После сбора отраслевых данных учебные программы были согласованы с потребностями работодателей.",
                                ),
                            ),
                            "questions": [
                                T(
                                    "Hansı digər bölgülər faydalı olardı?",
                                    "Which other breakdowns would help?",
                                    "Какие ещё разбивки были бы полезны?",
                                )
                            ],
                        },
                    ),
                ],
            },
            {
                "slug": "drivers-of-migration",
                "title": T(
                    "Miqrasiyanın səbəbləri",
                    "Drivers of migration",
                    "Факторы миграции",
                ),
                "summary": T(
                    "Məqsəd 2: insanları evlərini tərk etməyə məcbur edən amillər.",
                    "Objective 2: the factors that compel people to leave home.",
                    "Цель 2: факторы, вынуждающие людей покидать дом.",
                ),
                "minutes": 9,
                "gcm": [2],
                "sdg": [1, 13],
                "topics": ["drivers"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Yoxsulluq, münaqişələr, fəlakətlər və iqlim dəyişmələri insanları seçim imkanı olmadan köçməyə vadar edə bilər. Saziş bu amillərin minimuma endirilməsini inkişaf siyasətinin bir hissəsi hesab edir.",
                                "Poverty, conflict, disasters and climate change can force people to move without a real choice. The Compact treats minimising these drivers as part of development policy.",
                                "Бедность, конфликты, бедствия и изменение климата могут вынуждать людей переезжать без реального выбора. Договор рассматривает сокращение этих факторов как часть политики развития.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "managing-migration-flows",
        "title": T(
            "Miqrasiya axınlarının idarə edilməsi",
            "Managing migration flows",
            "Управление миграционными потоками",
        ),
        "summary": T(
            "Qəbul, geri qayıdış və reinteqrasiya.",
            "Reception, return and reintegration.",
            "Приём, возвращение и реинтеграция.",
        ),
        "gcm": [13, 21],
        "sdg": [10],
        "topics": ["return and reintegration"],
        "lessons": [
            {
                "slug": "return-and-reintegration",
                "title": T(
                    "Geri qayıdış və reinteqrasiya",
                    "Return and reintegration",
                    "Возвращение и реинтеграция",
                ),
                "summary": T(
                    "Məqsəd 21: təhlükəsiz və ləyaqətli geri qayıdış.",
                    "Objective 21: safe and dignified return.",
                    "Цель 21: безопасное и достойное возвращение.",
                ),
                "minutes": 10,
                "gcm": [21],
                "sdg": [10],
                "topics": ["return and reintegration"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Geri qayıdış yalnız sərhədi keçməklə bitmir: dayanıqlı reinteqrasiya iş, mənzil və icma dəstəyi tələb edir.",
                                "Return does not end at the border: sustainable reintegration needs work, housing and community support.",
                                "Возвращение не заканчивается на границе: устойчивая реинтеграция требует работы, жилья и поддержки общины.",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "alternatives-to-detention",
                "title": T(
                    "Saxlanmaya alternativlər",
                    "Alternatives to detention",
                    "Альтернативы задержанию",
                ),
                "summary": T(
                    "Məqsəd 13: saxlanma yalnız son çarə kimi.",
                    "Objective 13: detention only as a last resort.",
                    "Цель 13: задержание только как крайняя мера.",
                ),
                "minutes": 8,
                "gcm": [13],
                "sdg": [16],
                "topics": ["detention"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Qeydiyyat, müntəzəm hesabat vermə və icma əsaslı idarəetmə kimi alternativlər həm insan hüquqlarına hörmət edir, həm də daha az xərc tələb edir.",
                                "Alternatives such as registration, regular reporting and community-based case management respect human rights and cost less.",
                                "Такие альтернативы, как регистрация, регулярная явка и сопровождение в общине, уважают права человека и обходятся дешевле.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "rights-and-obligations-of-migrants",
        "title": T(
            "Miqrantların hüquq və vəzifələri",
            "Rights and obligations of migrants",
            "Права и обязанности мигрантов",
        ),
        "summary": T(
            "Layiqli əmək, əsas xidmətlər və ayrı-seçkiliyə qarşı mübarizə.",
            "Decent work, basic services and the fight against discrimination.",
            "Достойный труд, базовые услуги и борьба с дискриминацией.",
        ),
        "gcm": [6, 15, 17],
        "sdg": [8, 10],
        "topics": ["migrant rights", "labour migration"],
        "lessons": [
            {
                "slug": "decent-work",
                "title": T(
                    "Miqrant işçilər üçün layiqli əmək",
                    "Decent work for migrant workers",
                    "Достойный труд для трудящихся-мигрантов",
                ),
                "summary": T(
                    "Məqsəd 6 və DİM 8.8: ədalətli işə götürmə.",
                    "Objective 6 and SDG target 8.8: fair recruitment.",
                    "Цель 6 и задача ЦУР 8.8: добросовестный наём.",
                ),
                "minutes": 10,
                "gcm": [6],
                "sdg": [8],
                "sdg_targets": ["8.8"],
                "topics": ["labour migration"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "İşə götürmə haqları, saxlanılan pasportlar və yazılı müqavilənin olmaması miqrant işçiləri asılı vəziyyətə salır. Ədalətli işə götürmə bu riskləri aradan qaldırır.",
                                "Recruitment fees, confiscated passports and the lack of a written contract leave migrant workers dependent. Fair recruitment removes these risks.",
                                "Плата за наём, изъятые паспорта и отсутствие письменного договора ставят трудящихся-мигрантов в зависимость. Добросовестный наём устраняет эти риски.",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "access-to-services",
                "title": T(
                    "Əsas xidmətlərə çıxış",
                    "Access to basic services",
                    "Доступ к базовым услугам",
                ),
                "summary": T(
                    "Məqsəd 15: səhiyyə, təhsil və sosial xidmətlər.",
                    "Objective 15: health, education and social services.",
                    "Цель 15: здравоохранение, образование и социальные услуги.",
                ),
                "minutes": 8,
                "gcm": [15],
                "sdg": [3, 4],
                "topics": ["migrant rights"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Saziş miqrantların statusundan asılı olmayaraq əsas xidmətlərə təhlükəsiz çıxışını tələb edir, eyni zamanda dövlətlərin fərqli xidmətlər təyin etmək hüququnu tanıyır.",
                                "The Compact asks for safe access to basic services for migrants whatever their status, while recognising that States may set different levels of service.",
                                "Договор требует безопасного доступа мигрантов к базовым услугам независимо от статуса, признавая право государств устанавливать различный объём услуг.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "international-cooperation",
        "title": T(
            "Miqrasiya sahəsində beynəlxalq əməkdaşlıq",
            "International cooperation on migration",
            "Международное сотрудничество в сфере миграции",
        ),
        "summary": T(
            "Konsulluq müdafiəsi, readmissiya və sosial təminat.",
            "Consular protection, readmission and social security.",
            "Консульская защита, реадмиссия и социальное обеспечение.",
        ),
        "gcm": [14, 22, 23],
        "sdg": [17],
        "topics": ["international cooperation"],
        "lessons": [
            {
                "slug": "consular-protection",
                "title": T(
                    "Konsulluq müdafiəsi",
                    "Consular protection",
                    "Консульская защита",
                ),
                "summary": T(
                    "Məqsəd 14: xaricdə vətəndaşlara kömək.",
                    "Objective 14: helping nationals abroad.",
                    "Цель 14: помощь гражданам за рубежом.",
                ),
                "minutes": 8,
                "gcm": [14],
                "sdg": [16],
                "topics": ["international cooperation"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Konsulluqlar böhran zamanı sənəd verir, hüquqi məsləhət təmin edir və vətəndaşlarının təhlükəsiz qayıtmasına kömək edir.",
                                "Consulates issue documents, provide legal advice and help their nationals return safely in a crisis.",
                                "Консульства выдают документы, консультируют по правовым вопросам и помогают гражданам безопасно вернуться во время кризиса.",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "portable-social-security",
                "title": T(
                    "Sosial təminatın daşınması",
                    "Portable social security",
                    "Переносимость социального обеспечения",
                ),
                "summary": T(
                    "Məqsəd 22: qazanılmış müavinətlərin qorunması.",
                    "Objective 22: keeping earned benefits.",
                    "Цель 22: сохранение заработанных пособий.",
                ),
                "minutes": 7,
                "gcm": [22],
                "sdg": [1, 10],
                "topics": ["social security"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "İkitərəfli sosial təminat sazişləri miqrantların xaricdə işlədiyi illərin pensiyaya hesablanmasını təmin edir.",
                                "Bilateral social security agreements make sure the years migrants worked abroad count towards their pension.",
                                "Двусторонние соглашения о социальном обеспечении позволяют засчитывать годы работы мигрантов за рубежом в пенсионный стаж.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "gender-and-child-sensitive-approaches",
        "title": T(
            "Genderə və uşaqlara həssas yanaşmalar",
            "Gender-responsive and child-sensitive approaches",
            "Подходы с учётом гендерной проблематики и интересов детей",
        ),
        "summary": T(
            "Qadınların və uşaqların xüsusi ehtiyacları və risklər.",
            "The particular needs and risks of women and children.",
            "Особые потребности и риски женщин и детей.",
        ),
        "gcm": [7, 10],
        "sdg": [5, 16],
        "topics": ["human trafficking", "gender"],
        "lessons": [
            {
                "slug": "trafficking-in-persons",
                "title": T(
                    "İnsan alverinə qarşı mübarizə",
                    "Combating trafficking in persons",
                    "Противодействие торговле людьми",
                ),
                "summary": T(
                    "Məqsəd 10 və DİM 5.2, 8.7, 16.2.",
                    "Objective 10 and SDG targets 5.2, 8.7 and 16.2.",
                    "Цель 10 и задачи ЦУР 5.2, 8.7 и 16.2.",
                ),
                "minutes": 12,
                "gcm": [10],
                "sdg": [5, 8, 16],
                "sdg_targets": ["5.2", "8.7", "16.2"],
                "topics": ["human trafficking"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "İnsan alveri qurbanlarının əksəriyyəti qadınlar və qızlardır. Genderə həssas yanaşma qurbanların müəyyən edilməsində və onlara kömək göstərilməsində onların xüsusi ehtiyaclarını nəzərə alır.",
                                "Most victims of trafficking are women and girls. A gender-responsive approach takes their particular needs into account when victims are identified and assisted.",
                                "Большинство жертв торговли людьми — женщины и девочки. Подход с учётом гендерной проблематики учитывает их особые потребности при выявлении жертв и оказании им помощи.",
                            ),
                        ),
                    ),
                    (
                        "callout_block",
                        {
                            "kind": "key_term",
                            "title": T(
                                "Qaçaqmalçılıq və insan alveri",
                                "Smuggling and trafficking",
                                "Незаконный ввоз и торговля людьми",
                            ),
                            "text": paragraphs(
                                T(
                                    "Qaçaqmalçılıq sərhədin qeyri-qanuni keçirilməsidir; insan alveri isə istismar məqsədi daşıyır və sərhədi keçmədən də baş verə bilər.",
                                    "Smuggling is the irregular crossing of a border; trafficking is for exploitation and can happen without crossing any border.",
                                    "Незаконный ввоз — это нерегулярное пересечение границы; торговля людьми совершается с целью эксплуатации и может происходить без пересечения границы.",
                                )
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "children-on-the-move",
                "title": T(
                    "Hərəkətdə olan uşaqlar",
                    "Children on the move",
                    "Дети в пути",
                ),
                "summary": T(
                    "Uşağın ən yaxşı maraqları prinsipi.",
                    "The principle of the best interests of the child.",
                    "Принцип наилучшего обеспечения интересов ребёнка.",
                ),
                "minutes": 9,
                "gcm": [7],
                "sdg": [16],
                "topics": ["children"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Müşayiətsiz uşaqlar üçün qəyyum təyin edilməli, ailə axtarışı aparılmalı və hər qərar uşağın ən yaxşı maraqlarına əsaslanmalıdır.",
                                "Unaccompanied children need a guardian and family tracing, and every decision must rest on the child's best interests.",
                                "Несопровождаемым детям нужны опекун и розыск семьи, и каждое решение должно основываться на наилучших интересах ребёнка.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "whole-of-government-and-society",
        "title": T(
            "Bütöv hökumət və bütöv cəmiyyət yanaşmaları",
            "Whole-of-government and whole-of-society approaches",
            "Общегосударственный и общесоциальный подходы",
        ),
        "summary": T(
            "Nazirliklər, bələdiyyələr, vətəndaş cəmiyyəti və diaspor birlikdə.",
            "Ministries, municipalities, civil society and diaspora together.",
            "Министерства, муниципалитеты, гражданское общество и диаспора вместе.",
        ),
        "gcm": [16, 19],
        "sdg": [16, 17],
        "topics": ["inclusion", "volunteering"],
        "lessons": [
            {
                "slug": "inclusion-and-social-cohesion",
                "title": T(
                    "İnteqrasiya və sosial birlik",
                    "Inclusion and social cohesion",
                    "Интеграция и социальная сплочённость",
                ),
                "summary": T(
                    "Məqsəd 16: miqrantların və icmaların imkanlarının genişləndirilməsi.",
                    "Objective 16: empowering migrants and communities.",
                    "Цель 16: расширение возможностей мигрантов и общин.",
                ),
                "minutes": 9,
                "gcm": [16],
                "sdg": [10, 11],
                "topics": ["inclusion"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Dil kursları, məlumat mərkəzləri və könüllülər miqrantların yeni cəmiyyətə qoşulmasına kömək edir. Miqrasiya Könüllüləri bu işin bir nümunəsidir.",
                                "Language classes, information centres and volunteers help migrants join their new community. The Migration Volunteers union is one example of this work.",
                                "Языковые курсы, информационные центры и волонтёры помогают мигрантам влиться в новое общество. Объединение «Миграционные волонтёры» — один из примеров такой работы.",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "diaspora-and-development",
                "title": T(
                    "Diaspor və inkişaf",
                    "Diaspora and development",
                    "Диаспора и развитие",
                ),
                "summary": T(
                    "Məqsəd 19 və 20: bilik, sərmayə və pul köçürmələri.",
                    "Objectives 19 and 20: knowledge, investment and remittances.",
                    "Цели 19 и 20: знания, инвестиции и денежные переводы.",
                ),
                "minutes": 8,
                "gcm": [19, 20],
                "sdg": [10, 17],
                "sdg_targets": ["10.c"],
                "topics": ["remittances"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Pul köçürmələri bir çox ailə üçün əsas gəlir mənbəyidir. DİM 10.c köçürmə xərclərini 3 faizdən aşağı endirməyi hədəfləyir.",
                                "Remittances are a main source of income for many families. SDG target 10.c aims to bring transfer costs below 3 per cent.",
                                "Денежные переводы — основной источник дохода для многих семей. Задача ЦУР 10.c — снизить издержки переводов до уровня менее 3 процентов.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "international-migration-review-forum",
        "title": T(
            "Beynəlxalq Miqrasiya İcmal Forumu",
            "The International Migration Review Forum",
            "Международный форум по обзору миграции",
        ),
        "summary": T(
            "Sazişin həyata keçirilməsinin dörd ildən bir nəzərdən keçirilməsi.",
            "How the Compact's implementation is reviewed every four years.",
            "Как каждые четыре года рассматривается осуществление Договора.",
        ),
        "gcm": [23],
        "sdg": [17],
        "topics": ["global compact"],
        "lessons": [
            {
                "slug": "reviewing-progress",
                "title": T(
                    "İrəliləyişin qiymətləndirilməsi",
                    "Reviewing progress",
                    "Обзор прогресса",
                ),
                "summary": T(
                    "2022-ci il Forumu və onun İrəliləyiş Bəyannaməsi.",
                    "The 2022 Forum and its Progress Declaration.",
                    "Форум 2022 года и его Декларация о прогрессе.",
                ),
                "minutes": 10,
                "gcm": [23],
                "sdg": [17],
                "topics": ["global compact"],
                "body": [
                    (
                        "paragraph_block",
                        paragraphs(
                            T(
                                "Beynəlxalq Miqrasiya İcmal Forumu ilk dəfə 2022-ci ilin mayında keçirildi və dövlətlərin Sazişin həyata keçirilməsində əldə etdiyi irəliləyişi qiymətləndirən İrəliləyiş Bəyannaməsini qəbul etdi.",
                                "The International Migration Review Forum met for the first time in May 2022 and adopted a Progress Declaration on how States are implementing the Compact.",
                                "Международный форум по обзору миграции впервые прошёл в мае 2022 года и принял Декларацию о прогрессе в осуществлении Договора государствами.",
                            ),
                        ),
                    ),
                    (
                        "quick_check_block",
                        {
                            "question": T(
                                "Forum nə qədər tez-tez toplanır?",
                                "How often does the Forum meet?",
                                "Как часто собирается Форум?",
                            ),
                            "choices": [
                                (T("Hər il", "Every year", "Ежегодно"), False),
                                (
                                    T(
                                        "Dörd ildən bir",
                                        "Every four years",
                                        "Раз в четыре года",
                                    ),
                                    True,
                                ),
                            ],
                            "explanation": paragraphs(
                                T(
                                    "Forum 2022-ci ildən başlayaraq dörd ildən bir toplanır.",
                                    "The Forum meets every four years, starting in 2022.",
                                    "Форум собирается раз в четыре года начиная с 2022 года.",
                                )
                            ),
                        },
                    ),
                ],
            },
        ],
    },
]

# Demo accounts printed by `make run`: (role, email, password, first, last, groups)
ACCOUNTS = [
    ("admin", "admin@school.example", "demo-admin", "Aylin", "Admin", []),
    (
        "trainer",
        "trainer@school.example",
        "demo-trainer",
        "Rauf",
        "Həsənov",
        ["Trainers"],
    ),
    (
        "coordinator",
        "coordinator@school.example",
        "demo-coordinator",
        "Nigar",
        "Əliyeva",
        ["Coordinators"],
    ),
    (
        "student",
        "student@school.example",
        "demo-student",
        "Leyla",
        "Məmmədova",
        ["Students"],
    ),
    (
        "union staff",
        "union@school.example",
        "demo-union",
        "Səbinə",
        "Quliyeva",
        ["Volunteer staff"],
    ),
    (
        "volunteer",
        "volunteer@school.example",
        "demo-volunteer",
        "Elvin",
        "Rzayev",
        [],
    ),
    (
        "desk staff",
        "desk@school.example",
        "demo-desk",
        "Samir",
        "Vəliyev",
        [],
    ),
    (
        "dpo",
        "dpo@school.example",
        "demo-dpo",
        "Fərid",
        "Kazımov",
        ["Data protection officers"],
    ),
]


# The quiz that closes the first module (appended to it by load_demo). A question's
# own "gcm" objectives replace the quiz's for learners' mastery.
QUIZ = {
    "module": "regulation-of-migration-processes",
    "slug": "check-the-global-compact",
    "title": T(
        "Yoxlama: Qlobal Saziş",
        "Check: the Global Compact",
        "Проверка: Глобальный договор",
    ),
    "summary": T(
        "Beş sual: Qlobal Saziş nədir və nəyə xidmət edir.",
        "Five questions: what the Global Compact is and what it is for.",
        "Пять вопросов: что такое Глобальный договор и чему он служит.",
    ),
    "gcm": [1, 3],
    "sdg": [10],
    "questions": [
        {
            "kind": "single_choice",
            "text": T(
                "Qlobal Saziş hansı ildə qəbul edilib?",
                "In which year was the Global Compact adopted?",
                "В каком году был принят Глобальный договор?",
            ),
            "gcm": [23],
            "choices": [
                (T("2016", "2016", "2016"), False),
                (T("2018", "2018", "2018"), True),
                (T("2020", "2020", "2020"), False),
            ],
        },
        {
            "kind": "true_false",
            "text": T(
                "Qlobal Saziş hüquqi cəhətdən məcburi sənəddir.",
                "The Global Compact is legally binding.",
                "Глобальный договор юридически обязателен.",
            ),
            "answer": False,
        },
        {
            "kind": "multiple_choice",
            "text": T(
                "Hansılar Qlobal Sazişin rəhbər prinsipləridir?",
                "Which are guiding principles of the Global Compact?",
                "Какие из них — руководящие принципы Глобального договора?",
            ),
            "choices": [
                (T("İnsan mərkəzli", "People-centred", "Ориентация на человека"), True),
                (
                    T(
                        "Gender həssaslığı",
                        "Gender-responsive",
                        "Учёт гендерных аспектов",
                    ),
                    True,
                ),
                (T("Mənfəət yönümlü", "Profit-driven", "Ориентация на прибыль"), False),
            ],
        },
        {
            "kind": "numeric",
            "text": T(
                "Qlobal Saziş neçə məqsəddən ibarətdir?",
                "How many objectives does the Global Compact have?",
                "Сколько целей в Глобальном договоре?",
            ),
            "answer": 23,
        },
        {
            "kind": "short_answer",
            "text": T(
                "BMT-nin Miqrasiya Agentliyinin ingiliscə qısaltması nədir?",
                "What is the English acronym of the UN Migration agency?",
                "Какова английская аббревиатура Агентства ООН по миграции?",
            ),
            "gcm": [23],
            "accepted": [T("IOM", "IOM", "IOM")],
        },
    ],
}


# The quiz that closes the second module; two questions test objectives of their own.
QUIZ_BORDERS = {
    "module": "border-management",
    "slug": "check-border-management",
    "title": T(
        "Yoxlama: sərhəd idarəçiliyi",
        "Check: border management",
        "Проверка: управление границами",
    ),
    "summary": T(
        "Beş sual: inteqrasiya olunmuş sərhəd idarəçiliyi, şəxsiyyət sənədləri və qaçaqmalçılıq.",
        "Five questions: integrated border management, identity documents and smuggling.",
        "Пять вопросов: комплексное управление границами, документы, удостоверяющие личность, и незаконный ввоз мигрантов.",
    ),
    "gcm": [4, 11],
    "sdg": [16],
    "sdg_targets": ["16.9"],
    "questions": [
        {
            "kind": "single_choice",
            "text": T(
                "Qlobal Sazişin hansı məqsədi sərhədlərin inteqrasiya olunmuş, təhlükəsiz və əlaqələndirilmiş idarə olunmasına həsr olunub?",
                "Which objective of the Global Compact is about managing borders in an integrated, secure and coordinated manner?",
                "Какая цель Глобального договора посвящена комплексному, безопасному и скоординированному управлению границами?",
            ),
            "gcm": [11],
            "choices": [
                (T("4-cü məqsəd", "Objective 4", "Цель 4"), False),
                (T("11-ci məqsəd", "Objective 11", "Цель 11"), True),
                (T("21-ci məqsəd", "Objective 21", "Цель 21"), False),
            ],
        },
        {
            "kind": "true_false",
            "text": T(
                "Qlobal Saziş dövlətləri bütün miqrantları şəxsiyyəti təsdiq edən sənəd və lazımi sənədlərlə təmin etməyə çağırır.",
                "The Global Compact calls on States to ensure that all migrants have proof of legal identity and adequate documentation.",
                "Глобальный договор призывает государства обеспечить всех мигрантов документами, удостоверяющими личность, и надлежащими документами.",
            ),
            "gcm": [4],
            "sdg_targets": ["16.9"],
            "answer": True,
        },
        {
            "kind": "multiple_choice",
            "text": T(
                "Hansılar inteqrasiya olunmuş sərhəd idarəçiliyinin bir hissəsidir?",
                "Which are part of integrated border management?",
                "Что входит в комплексное управление границами?",
            ),
            "choices": [
                (
                    T(
                        "Sərhəd qurumları arasında əməkdaşlıq",
                        "Cooperation between border agencies",
                        "Сотрудничество между пограничными ведомствами",
                    ),
                    True,
                ),
                (
                    T(
                        "Həssas miqrantların müəyyən edilməsi və yönləndirilməsi",
                        "Screening and referral of vulnerable migrants",
                        "Выявление и перенаправление уязвимых мигрантов",
                    ),
                    True,
                ),
                (
                    T(
                        "Sərhədlərin bütün miqrantlar üçün bağlanması",
                        "Closing borders to all migrants",
                        "Закрытие границ для всех мигрантов",
                    ),
                    False,
                ),
            ],
        },
        {
            "kind": "single_choice",
            "text": T(
                "Miqrantların qaçaqmalçılığını insan alverindən nə fərqləndirir?",
                "What distinguishes the smuggling of migrants from trafficking in persons?",
                "Чем незаконный ввоз мигрантов отличается от торговли людьми?",
            ),
            "gcm": [9],
            "choices": [
                (
                    T(
                        "Qaçaqmalçılıq haqq müqabilində sərhədin qeyri-qanuni keçirilməsidir və miqrantın razılığı ilə baş verir",
                        "Smuggling is an irregular border crossing arranged for a fee, with the migrant's consent",
                        "Незаконный ввоз — это организованное за плату незаконное пересечение границы с согласия мигранта",
                    ),
                    True,
                ),
                (
                    T(
                        "Qaçaqmalçılıq həmişə gəldikdən sonra istismarı nəzərdə tutur",
                        "Smuggling always involves exploitation after arrival",
                        "Незаконный ввоз всегда предполагает эксплуатацию после прибытия",
                    ),
                    False,
                ),
                (
                    T("Heç bir fərq yoxdur", "There is no difference", "Разницы нет"),
                    False,
                ),
            ],
        },
        {
            "kind": "short_answer",
            "text": T(
                "Maşınla oxunan pasportların standartlarını hansı BMT qurumu müəyyən edir? Qısaltmanı yazın.",
                "Which UN agency sets the standards for machine-readable passports? Give its acronym.",
                "Какое учреждение ООН устанавливает стандарты машиночитаемых паспортов? Укажите аббревиатуру.",
            ),
            "gcm": [4],
            "accepted": [T("ICAO", "ICAO", "ICAO")],
        },
    ],
}
# Each quiz closes the module named by its "module" slug.
QUIZZES = [QUIZ, QUIZ_BORDERS]


# A hybrid class of the demo course (created by load_demo for the next day).
LIVE_SESSION = {
    "title": T(
        "Qanuni miqrasiya yolları: müzakirə",
        "Regular pathways for migration: a discussion",
        "Законные пути миграции: обсуждение",
    ),
    "room": "Miqrasiya Xidmətinin tədris mərkəzi, 3-cü otaq",
    "agenda": [
        "Qlobal Saziş nədir",
        "Qanuni miqrasiya yolları",
    ],
}

# Cohorts: the 3rd School (the demo student's) is in its last fortnight; the 4th has
# its call open. A School runs for 180 days from its start.
COHORTS = [
    {
        "number": 3,
        "name": T(
            "3-cü Miqrasiya Məktəbi",
            "3rd Migration School",
            "3-я Школа миграции",
        ),
        "format": "hybrid",
        "places": 48,
        "opens_in_days": -255,
        "starts_in_days": -165,
    },
    {
        "number": 4,
        "name": T(
            "4-cü Miqrasiya Məktəbi",
            "4th Migration School",
            "4-я Школа миграции",
        ),
        "format": "hybrid",
        "places": 30,
        "opens_in_days": -10,
        "starts_in_days": 45,
    },
]
APPLICATION = {
    "field_of_study": "law",
    "study_status": "studying",
    "year": 2025,
    "university": "Bakı Dövlət Universiteti",
    "languages": "Azərbaycan, ingilis, rus",
    "motivation": "Miqrasiya hüququ ilə məşğul olmaq və miqrantlara kömək etmək istəyirəm.",
    "proposal_title": "Miqrant işçilər üçün vahid pəncərə",
    "proposal": (
        "Miqrant işçilərin bütün müraciətlərini bir yerdə qəbul edən onlayn xidmət: "
        "sənədlərin siyahısı, növbə və bildirişlər üç dildə."
    ),
}
# A graduate of the 3rd School, with her certificate; who signs the certificates.
GRADUATE = ("graduate@school.example", "Aynur", "Qəhrəmanlı-Şükürova")
GRADUATE_PASSWORD = "demo-graduate"
SIGNATORIES = "Aysel Məmmədova, Head of the Migration School"
# How the demo student answered the first quiz, question by question: 70%, passed,
# strong on objectives 1 and 3, with objective 23 (the UN Migration agency) to revisit.
STUDENT_QUIZ_OUTCOMES = ["right", "right", "partial", "right", "wrong"]
APPLICANTS = [
    ("nigar.aliyeva@school.example", "Nigar", "Əliyeva", "international_relations"),
    ("elvin.mammadov@school.example", "Elvin", "Məmmədov", "sociology"),
    ("murad.huseynov@school.example", "Murad", "Hüseynov", "law"),
]

# The 3rd School's learners (learner01@school.example, …): (first, last, field). They
# never log in; demo.activity gives them six months of lessons, quizzes and classes.
LEARNERS = [
    ("Kamran", "Əliyev", "law"),
    ("Günay", "Hüseynova", "international_relations"),
    ("Tural", "Məmmədli", "political_science"),
    ("Səbinə", "Quliyeva", "sociology"),
    ("Orxan", "Rzayev", "public_administration"),
    ("Aytac", "İsmayılova", "law"),
    ("Fərid", "Nəsirov", "regional_studies"),
    ("Lalə", "Abbasova", "oriental_studies"),
    ("Ramil", "Cəfərov", "law"),
    ("Nərmin", "Bağırova", "international_relations"),
    ("Elnur", "Qasımov", "sociology"),
    ("Şəbnəm", "Mustafayeva", "political_science"),
    ("Vüsal", "Kərimov", "public_administration"),
    ("Ülviyyə", "Səfərova", "law"),
    ("Rəşad", "Hacıyev", "international_relations"),
    ("Könül", "Novruzova", "regional_studies"),
    ("Emil", "Sadıqov", "political_science"),
    ("Fidan", "Əsədova", "sociology"),
    ("Cavid", "Axundov", "law"),
    ("Xədicə", "Rəhimova", "oriental_studies"),
    ("Nihad", "Vəliyev", "international_relations"),
    ("Zəhra", "Talıbova", "public_administration"),
    ("Anar", "Babayev", "law"),
    ("İlahə", "Zeynalova", "sociology"),
    ("Səməd", "Orucov", "political_science"),
    ("Nurlan", "Əhmədov", "regional_studies"),
    ("Mehriban", "Salmanova", "law"),
    ("Toğrul", "Şirinov", "international_relations"),
    ("Ayşən", "Qafarova", "political_science"),
    ("Ruslan", "Muradov", "public_administration"),
    ("Sevinc", "Əlizadə", "law"),
    ("Ceyhun", "Məlikov", "sociology"),
    ("Aydan", "Hacızadə", "international_relations"),
    ("Kənan", "Bayramov", "oriental_studies"),
    ("Ləman", "Nağıyeva", "law"),
    ("Elçin", "Həmidov", "regional_studies"),
    ("Anna", "Kovalenko", "international_relations"),
    ("Dmitri", "Volkov", "law"),
    ("Nino", "Beridze", "political_science"),
    ("Mehmet", "Yıldız", "sociology"),
    ("Tamar", "Kapanadze", "public_administration"),
    ("Aleksandra", "Smirnova", "law"),
]
# Applicants to the 3rd School who were not selected (applicant01@school.example, …).
NOT_SELECTED = [
    ("Samir", "Qarayev", "law"),
    ("Gülnar", "Həsənli", "sociology"),
    ("Rövşən", "Əkbərov", "political_science"),
    ("Aynurə", "Məmmədzadə", "international_relations"),
    ("Pərviz", "Abdullayev", "other"),
    ("Nazlı", "Əzizova", "law"),
    ("Elşad", "Kazımov", "public_administration"),
    ("Türkan", "Məhərrəmova", "regional_studies"),
    ("İlkin", "Sultanov", "other"),
    ("Yeganə", "Rüstəmova", "oriental_studies"),
]
# The 3rd School's classes so far, on the day of the School they were held (at 10:00,
# 90 minutes), with what each taught. Objectives 8 and 18 are taught nowhere in the
# demo: the coverage matrix shows them as gaps.
PAST_SESSIONS = [
    {
        "title": T(
            "Qlobal Saziş: açılış seminarı",
            "The Global Compact: opening seminar",
            "Глобальный договор: вводный семинар",
        ),
        "module": "regulation-of-migration-processes",
        "day": 8,
        "mode": "hybrid",
        "gcm": [1, 3],
        "sdg_targets": ["10.7"],
    },
    {
        "title": T(
            "Sərhəd idarəçiliyi: nümunə təhlili",
            "Border management: a case study",
            "Управление границами: разбор случая",
        ),
        "module": "border-management",
        "day": 27,
        "mode": "hybrid",
        "gcm": [11],
        "sdg_targets": [],
    },
    {
        "title": T(
            "Qonaq mühazirəsi: saxta sənədlər və qaçaqmalçılıq",
            "Guest lecture: forged documents and smuggling",
            "Гостевая лекция: поддельные документы и незаконный ввоз",
        ),
        "module": "border-management",
        "day": 36,
        "mode": "online",
        "gcm": [4, 9],
        "sdg_targets": ["16.9"],
    },
    {
        "title": T(
            "Siyasət üçün məlumat: praktiki məşğələ",
            "Data for policy: a practical session",
            "Данные для политики: практическое занятие",
        ),
        "module": "migration-policy-making",
        "day": 50,
        "mode": "hybrid",
        "gcm": [1, 2],
        "sdg_targets": ["17.18"],
    },
    {
        "title": T(
            "Geri qayıdış və reinteqrasiya: müzakirə",
            "Return and reintegration: a discussion",
            "Возвращение и реинтеграция: обсуждение",
        ),
        "module": "managing-migration-flows",
        "day": 70,
        "mode": "online",
        "gcm": [13, 21],
        "sdg_targets": [],
    },
    {
        "title": T(
            "Miqrant işçilərin hüquqları: dəyirmi masa",
            "The rights of migrant workers: a round table",
            "Права трудящихся-мигрантов: круглый стол",
        ),
        "module": "rights-and-obligations-of-migrants",
        "day": 90,
        "mode": "hybrid",
        "gcm": [6, 15],
        "sdg_targets": ["8.8"],
    },
    {
        "title": T(
            "Konsulluq müdafiəsi: rollu oyun",
            "Consular protection: a role play",
            "Консульская защита: ролевая игра",
        ),
        "module": "international-cooperation",
        "day": 110,
        "mode": "hybrid",
        "gcm": [14, 22],
        "sdg_targets": [],
    },
    {
        "title": T(
            "İnsan alveri: qurbanların tanınması və yönləndirilməsi",
            "Human trafficking: identifying and referring victims",
            "Торговля людьми: выявление и направление пострадавших",
        ),
        "module": "gender-and-child-sensitive-approaches",
        "day": 130,
        "mode": "online",
        "gcm": [7, 10],
        "sdg_targets": ["5.2", "16.2"],
    },
    {
        "title": T(
            "Diaspor və inkişaf: layihə təqdimatları",
            "Diaspora and development: project presentations",
            "Диаспора и развитие: презентации проектов",
        ),
        "module": "whole-of-government-and-society",
        "day": 150,
        "mode": "hybrid",
        "gcm": [16, 19, 20],
        "sdg_targets": ["10.c"],
    },
]


def translations(language: str, specs: list | None = None) -> dict[str, str]:
    """Every demo string in Azerbaijani mapped to its ``language`` version: of
    ``specs``, by default the School's."""
    found: dict[str, str] = {}

    def walk(value):
        if isinstance(value, T):
            if value.get(language):
                found[value.az] = value.get(language)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk([HOME, CATALOGUE, COURSE, MODULES, QUIZZES] if specs is None else specs)
    return found
