"""Reference data: the 23 GCM objectives, its 10 guiding principles, the 17 SDGs and the
SDG targets that concern migration, each titled in Azerbaijani, English and Russian.

Sources:
- English: Global Compact for Safe, Orderly and Regular Migration, UN General Assembly
  resolution A/RES/73/195 (paragraphs 15 and 16); Transforming our world: the 2030 Agenda
  for Sustainable Development, A/RES/70/1.
- Russian: the official Russian texts of the same resolutions (A/RES/73/195, A/RES/70/1).
- Azerbaijani: SDG titles and targets as published by the National Coordination Council
  for Sustainable Development of the Republic of Azerbaijan (sdg.az). No official
  Azerbaijani text of the Global Compact was found; its objectives and principles are
  translated by the School's team and should be replaced when an official text appears.
"""

from django.db import migrations

# (number, English, Russian, Azerbaijani)
GCM_OBJECTIVES = [
    (
        1,
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies",
        "Сбор и использование точных и дезагрегированных данных в качестве основы для разработки политики на основе фактических данных",
        "Sübuta əsaslanan siyasət üçün dəqiq və bölgüsü aparılmış məlumatların toplanması və istifadəsi",
    ),
    (
        2,
        "Minimize the adverse drivers and structural factors that compel people to leave their country of origin",
        "Сведение к минимуму негативных факторов и структурных причин, вынуждающих людей покидать страну своего происхождения",
        "İnsanları mənşə ölkəsini tərk etməyə məcbur edən mənfi amillərin və struktur səbəblərin minimuma endirilməsi",
    ),
    (
        3,
        "Provide accurate and timely information at all stages of migration",
        "Предоставление точной и своевременной информации на всех этапах миграции",
        "Miqrasiyanın bütün mərhələlərində dəqiq və vaxtında məlumatın verilməsi",
    ),
    (
        4,
        "Ensure that all migrants have proof of legal identity and adequate documentation",
        "Обеспечение наличия у всех мигрантов документов, удостоверяющих личность, и других надлежащих документов",
        "Bütün miqrantların hüquqi şəxsiyyəti təsdiq edən sübutla və lazımi sənədlərlə təmin olunması",
    ),
    (
        5,
        "Enhance availability and flexibility of pathways for regular migration",
        "Расширение доступности и повышение гибкости каналов легальной миграции",
        "Qanuni miqrasiya yollarının əlçatanlığının və çevikliyinin artırılması",
    ),
    (
        6,
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
        "Содействие добросовестному и этичному найму и гарантирование условий, обеспечивающих достойный труд",
        "Ədalətli və etik işə götürmənin asanlaşdırılması və layiqli əməyi təmin edən şəraitin qorunması",
    ),
    (
        7,
        "Address and reduce vulnerabilities in migration",
        "Устранение и уменьшение факторов уязвимости в процессе миграции",
        "Miqrasiyada həssaslıqların aradan qaldırılması və azaldılması",
    ),
    (
        8,
        "Save lives and establish coordinated international efforts on missing migrants",
        "Спасение жизней и организация скоординированной международной деятельности по розыску пропавших без вести мигрантов",
        "İnsan həyatının xilas edilməsi və itkin düşmüş miqrantlarla bağlı əlaqələndirilmiş beynəlxalq səylərin qurulması",
    ),
    (
        9,
        "Strengthen the transnational response to smuggling of migrants",
        "Укрепление транснациональных мер противодействия незаконному ввозу мигрантов",
        "Miqrantların qaçaqmalçılığına qarşı transmilli tədbirlərin gücləndirilməsi",
    ),
    (
        10,
        "Prevent, combat and eradicate trafficking in persons in the context of international migration",
        "Предупреждение и пресечение торговли людьми и борьба с ней в контексте международной миграции",
        "Beynəlxalq miqrasiya kontekstində insan alverinin qarşısının alınması, onunla mübarizə və onun kökünün kəsilməsi",
    ),
    (
        11,
        "Manage borders in an integrated, secure and coordinated manner",
        "Комплексное, безопасное и скоординированное управление границами",
        "Sərhədlərin inteqrasiya olunmuş, təhlükəsiz və əlaqələndirilmiş şəkildə idarə edilməsi",
    ),
    (
        12,
        "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral",
        "Повышение степени определенности и предсказуемости миграционных процедур для надлежащей проверки, оценки и направления",
        "Lazımi yoxlama, qiymətləndirmə və yönləndirmə üçün miqrasiya prosedurlarında müəyyənliyin və proqnozlaşdırılabilənliyin gücləndirilməsi",
    ),
    (
        13,
        "Use migration detention only as a measure of last resort and work towards alternatives",
        "Использование задержания мигрантов лишь в качестве крайней меры и работа по поиску альтернативных решений",
        "Miqrantların saxlanılmasından yalnız son çarə kimi istifadə edilməsi və alternativlər üzərində iş",
    ),
    (
        14,
        "Enhance consular protection, assistance and cooperation throughout the migration cycle",
        "Повышение эффективности консульской защиты, помощи и сотрудничества на протяжении всего миграционного цикла",
        "Miqrasiya dövrü boyunca konsulluq müdafiəsinin, yardımının və əməkdaşlığının gücləndirilməsi",
    ),
    (
        15,
        "Provide access to basic services for migrants",
        "Обеспечение доступа мигрантов к базовым услугам",
        "Miqrantların əsas xidmətlərə çıxışının təmin edilməsi",
    ),
    (
        16,
        "Empower migrants and societies to realize full inclusion and social cohesion",
        "Расширение возможностей мигрантов и общества в целях обеспечения полной интеграции и социальной сплоченности",
        "Tam inteqrasiya və sosial birlik üçün miqrantların və cəmiyyətlərin imkanlarının genişləndirilməsi",
    ),
    (
        17,
        "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration",
        "Ликвидация всех форм дискриминации и поощрение основанного на фактах общественного дискурса в целях формирования восприятия миграции",
        "Ayrı-seçkiliyin bütün formalarının aradan qaldırılması və miqrasiya haqqında təsəvvürlərin formalaşması üçün sübuta əsaslanan ictimai diskursun təşviqi",
    ),
    (
        18,
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences",
        "Инвестирование в развитие навыков и содействие взаимному признанию навыков, квалификаций и компетенций",
        "Bacarıqların inkişafına sərmayə qoyulması və bacarıqların, ixtisasların və səriştələrin qarşılıqlı tanınmasının asanlaşdırılması",
    ),
    (
        19,
        "Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries",
        "Создание условий, позволяющих мигрантам и диаспорам в полной мере вносить вклад в устойчивое развитие во всех странах",
        "Miqrantların və diasporların bütün ölkələrdə dayanıqlı inkişafa tam töhfə verməsi üçün şəraitin yaradılması",
    ),
    (
        20,
        "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants",
        "Содействие более быстрому, безопасному и дешевому переводу денежных средств и содействие финансовой интеграции мигрантов",
        "Pul köçürmələrinin daha sürətli, təhlükəsiz və ucuz həyata keçirilməsinin təşviqi və miqrantların maliyyə inklüzivliyinin dəstəklənməsi",
    ),
    (
        21,
        "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration",
        "Сотрудничество в содействии безопасному и достойному возвращению и реадмиссии, а также устойчивой реинтеграции",
        "Təhlükəsiz və ləyaqətli geri qayıdışın və readmissiyanın, habelə dayanıqlı reinteqrasiyanın asanlaşdırılmasında əməkdaşlıq",
    ),
    (
        22,
        "Establish mechanisms for the portability of social security entitlements and earned benefits",
        "Создание механизмов для обеспечения переносимости прав на социальное обеспечение и заработанных пособий",
        "Sosial təminat hüquqlarının və qazanılmış müavinətlərin daşınması üçün mexanizmlərin yaradılması",
    ),
    (
        23,
        "Strengthen international cooperation and global partnerships for safe, orderly and regular migration",
        "Укрепление международного сотрудничества и глобальных партнерских отношений в интересах безопасной, упорядоченной и легальной миграции",
        "Təhlükəsiz, nizamlı və qanuni miqrasiya üçün beynəlxalq əməkdaşlığın və qlobal tərəfdaşlığın gücləndirilməsi",
    ),
]

GCM_GUIDING_PRINCIPLES = [
    (1, "People-centred", "Ориентированность на интересы людей", "İnsanyönümlülük"),
    (
        2,
        "International cooperation",
        "Международное сотрудничество",
        "Beynəlxalq əməkdaşlıq",
    ),
    (3, "National sovereignty", "Национальный суверенитет", "Milli suverenlik"),
    (
        4,
        "Rule of law and due process",
        "Верховенство права и надлежащие правовые процедуры",
        "Qanunun aliliyi və lazımi hüquqi prosedurlar",
    ),
    (5, "Sustainable development", "Устойчивое развитие", "Dayanıqlı inkişaf"),
    (6, "Human rights", "Права человека", "İnsan hüquqları"),
    (7, "Gender-responsive", "Учет гендерной проблематики", "Genderə həssaslıq"),
    (8, "Child-sensitive", "Учет интересов детей", "Uşaqlara həssaslıq"),
    (
        9,
        "Whole-of-government approach",
        "Общегосударственный подход",
        "Bütöv hökumət yanaşması",
    ),
    (
        10,
        "Whole-of-society approach",
        "Общесоциальный подход",
        "Bütöv cəmiyyət yanaşması",
    ),
]

SDGS = [
    (1, "No poverty", "Ликвидация нищеты", "Yoxsulluğa son"),
    (2, "Zero hunger", "Ликвидация голода", "Aclığa son"),
    (
        3,
        "Good health and well-being",
        "Хорошее здоровье и благополучие",
        "Sağlam həyat və rifah",
    ),
    (4, "Quality education", "Качественное образование", "Keyfiyyətli təhsil"),
    (5, "Gender equality", "Гендерное равенство", "Gender bərabərliyi"),
    (
        6,
        "Clean water and sanitation",
        "Чистая вода и санитария",
        "Təmiz su və kanalizasiya",
    ),
    (
        7,
        "Affordable and clean energy",
        "Недорогостоящая и чистая энергия",
        "Əlçatan və təmiz enerji",
    ),
    (
        8,
        "Decent work and economic growth",
        "Достойная работа и экономический рост",
        "Layiqli əmək və iqtisadi artım",
    ),
    (
        9,
        "Industry, innovation and infrastructure",
        "Индустриализация, инновации и инфраструктура",
        "Sənaye, innovasiya və infrastruktur",
    ),
    (
        10,
        "Reduced inequalities",
        "Уменьшение неравенства",
        "Bərabərsizliyin azaldılması",
    ),
    (
        11,
        "Sustainable cities and communities",
        "Устойчивые города и населенные пункты",
        "Dayanıqlı şəhərlər və icmalar",
    ),
    (
        12,
        "Responsible consumption and production",
        "Ответственное потребление и производство",
        "Məsuliyyətli istehlak və istehsal",
    ),
    (
        13,
        "Climate action",
        "Борьба с изменением климата",
        "İqlim dəyişmələri ilə mübarizə",
    ),
    (14, "Life below water", "Сохранение морских экосистем", "Sudaaltı həyat"),
    (15, "Life on land", "Сохранение экосистем суши", "Quruda həyat"),
    (
        16,
        "Peace, justice and strong institutions",
        "Мир, правосудие и эффективные институты",
        "Sülh, ədalət və güclü institutlar",
    ),
    (
        17,
        "Partnerships for the goals",
        "Партнерство в интересах устойчивого развития",
        "Məqsədlər naminə tərəfdaşlıq",
    ),
]

# (code, English, Russian, Azerbaijani)
SDG_TARGETS = [
    (
        "4.b",
        "By 2020, substantially expand globally the number of scholarships available to developing countries, in particular least developed countries, small island developing States and African countries, for enrolment in higher education, including vocational training and information and communications technology, technical, engineering and scientific programmes, in developed countries and other developing countries",
        "К 2020 году значительно увеличить во всем мире число стипендий, предоставляемых развивающимся странам, в особенности наименее развитым странам, малым островным развивающимся государствам и странам Африки, для получения высшего образования, включая профессионально-техническую подготовку и обучение по информационно-коммуникационным, техническим, инженерным и научным программам, в развитых странах и других развивающихся странах",
        "2020-ci ilədək inkişaf etməkdə olan ölkələrə, xüsusilə az inkişaf etmiş ölkələrə, inkişaf etməkdə olan kiçik ada dövlətlərinə və Afrika ölkələrinə inkişaf etmiş və digər inkişaf etməkdə olan ölkələrdə peşə təhsili, informasiya-kommunikasiya texnologiyaları, texniki, mühəndislik və elmi proqramlar daxil olmaqla ali təhsil almaq üçün verilən təqaüdlərin sayını qlobal miqyasda əhəmiyyətli dərəcədə artırmaq",
    ),
    (
        "5.2",
        "Eliminate all forms of violence against all women and girls in the public and private spheres, including trafficking and sexual and other types of exploitation",
        "Ликвидировать все формы насилия в отношении всех женщин и девочек в публичной и частной сферах, включая торговлю людьми, сексуальную и другие формы эксплуатации",
        "İnsan alveri, cinsi və digər istismar növləri daxil olmaqla, ictimai və şəxsi həyatda bütün qadınlara və qızlara qarşı zorakılığın bütün formalarını aradan qaldırmaq",
    ),
    (
        "8.7",
        "Take immediate and effective measures to eradicate forced labour, end modern slavery and human trafficking and secure the prohibition and elimination of the worst forms of child labour, including recruitment and use of child soldiers, and by 2025 end child labour in all its forms",
        "Принять срочные и эффективные меры для того, чтобы искоренить принудительный труд, покончить с современным рабством и торговлей людьми и обеспечить запрещение и ликвидацию наихудших форм детского труда, включая вербовку и использование детей-солдат, а к 2025 году положить конец детскому труду во всех его формах",
        "Məcburi əməyin kökünü kəsmək, müasir köləliyə və insan alverinə son qoymaq, uşaq əsgərlərin cəlb edilməsi və istifadəsi daxil olmaqla uşaq əməyinin ən pis formalarının qadağan edilməsini və aradan qaldırılmasını təmin etmək üçün təcili və effektiv tədbirlər görmək, 2025-ci ilədək uşaq əməyinin bütün formalarına son qoymaq",
    ),
    (
        "8.8",
        "Protect labour rights and promote safe and secure working environments for all workers, including migrant workers, in particular women migrants, and those in precarious employment",
        "Защищать трудовые права и содействовать обеспечению надежных и безопасных условий работы для всех трудящихся, включая трудящихся-мигрантов, особенно женщин-мигрантов, и лиц, не имеющих стабильной занятости",
        "Əmək hüquqlarını qorumaq və miqrant işçilər, xüsusilə miqrant qadınlar və qeyri-sabit məşğulluğu olan şəxslər daxil olmaqla bütün işçilər üçün etibarlı və təhlükəsiz iş mühitini təşviq etmək",
    ),
    (
        "10.7",
        "Facilitate orderly, safe, regular and responsible migration and mobility of people, including through the implementation of planned and well-managed migration policies",
        "Содействовать упорядоченной, безопасной, законной и ответственной миграции и мобильности людей, в том числе посредством проведения хорошо продуманной и эффективной миграционной политики",
        "Planlaşdırılmış və yaxşı idarə olunan miqrasiya siyasətinin həyata keçirilməsi də daxil olmaqla, insanların nizamlı, təhlükəsiz, qanuni və məsuliyyətli miqrasiyasını və mobilliyini asanlaşdırmaq",
    ),
    (
        "10.c",
        "By 2030, reduce to less than 3 per cent the transaction costs of migrant remittances and eliminate remittance corridors with costs higher than 5 per cent",
        "К 2030 году сократить операционные затраты, связанные с денежными переводами мигрантов, до уровня менее 3 процентов и ликвидировать каналы денежных переводов, операционные затраты по которым превышают 5 процентов",
        "2030-cu ilədək miqrantların pul köçürmələri üzrə əməliyyat xərclərini 3 faizdən aşağı səviyyəyə endirmək və xərcləri 5 faizdən yüksək olan köçürmə dəhlizlərini aradan qaldırmaq",
    ),
    (
        "16.2",
        "End abuse, exploitation, trafficking and all forms of violence against and torture of children",
        "Положить конец надругательствам, эксплуатации, торговле и всем формам насилия и пыток в отношении детей",
        "Uşaqlara qarşı zorakılığa, istismara, insan alverinə, zorakılığın və işgəncənin bütün formalarına son qoymaq",
    ),
    (
        "16.9",
        "By 2030, provide legal identity for all, including birth registration",
        "К 2030 году обеспечить наличие у всех людей законных удостоверений личности, включая регистрацию рождений",
        "2030-cu ilədək doğumun qeydiyyatı da daxil olmaqla hamını hüquqi şəxsiyyət sənədi ilə təmin etmək",
    ),
    (
        "17.18",
        "By 2020, enhance capacity-building support to developing countries, including for least developed countries and small island developing States, to increase significantly the availability of high-quality, timely and reliable data disaggregated by income, gender, age, race, ethnicity, migratory status, disability, geographic location and other characteristics relevant in national contexts",
        "К 2020 году усилить поддержку в целях наращивания потенциала, оказываемую развивающимся странам, в том числе наименее развитым странам и малым островным развивающимся государствам, с тем чтобы значительно повысить доступность высококачественных, актуальных и достоверных данных в разбивке по уровню дохода, полу, возрасту, расе, этнической принадлежности, миграционному статусу, инвалидности, географическому местоположению и другим характеристикам, актуальным в национальных условиях",
        "2020-ci ilədək inkişaf etməkdə olan ölkələrə, o cümlədən az inkişaf etmiş ölkələrə və inkişaf etməkdə olan kiçik ada dövlətlərinə potensialın gücləndirilməsi üzrə dəstəyi artırmaq ki, gəlir, cins, yaş, irq, etnik mənsubiyyət, miqrasiya statusu, əlillik, coğrafi yerləşmə və milli kontekstdə aktual olan digər xüsusiyyətlər üzrə bölgüsü aparılmış yüksək keyfiyyətli, vaxtında və etibarlı məlumatların mövcudluğunu əhəmiyyətli dərəcədə artırmaq",
    ),
]


def load_reference_data(apps, schema_editor):
    GCMObjective = apps.get_model("lms_courses", "GCMObjective")
    GCMGuidingPrinciple = apps.get_model("lms_courses", "GCMGuidingPrinciple")
    SDG = apps.get_model("lms_courses", "SDG")
    SDGTarget = apps.get_model("lms_courses", "SDGTarget")

    for number, en, ru, az in GCM_OBJECTIVES:
        GCMObjective.objects.update_or_create(
            number=number,
            defaults={
                "name": f"GCM {number}",
                "slug": f"gcm-{number}",
                "title_en": en,
                "title_ru": ru,
                "title_az": az,
            },
        )
    for number, en, ru, az in GCM_GUIDING_PRINCIPLES:
        GCMGuidingPrinciple.objects.update_or_create(
            number=number, defaults={"title_en": en, "title_ru": ru, "title_az": az}
        )
    goals = {}
    for number, en, ru, az in SDGS:
        goals[number], _ = SDG.objects.update_or_create(
            number=number,
            defaults={
                "name": f"SDG {number}",
                "slug": f"sdg-{number}",
                "title_en": en,
                "title_ru": ru,
                "title_az": az,
            },
        )
    for position, (code, en, ru, az) in enumerate(SDG_TARGETS):
        SDGTarget.objects.update_or_create(
            code=code,
            defaults={
                "goal": goals[int(code.split(".")[0])],
                "position": position,
                "title_en": en,
                "title_ru": ru,
                "title_az": az,
            },
        )


def unload_reference_data(apps, schema_editor):
    for model in ("SDGTarget", "SDG", "GCMGuidingPrinciple", "GCMObjective"):
        apps.get_model("lms_courses", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("lms_courses", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, unload_reference_data)]
