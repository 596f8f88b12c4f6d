# Russian: "21 января 2027, 14:30". Django's own (django/conf/locale/ru) adds "г."
# and writes "21 Январь" for a day and month (MONTH_DAY_FORMAT "j F"): a month beside
# its day is genitive (E), a month alone nominative (F, "январь 2027", lower-cased in
# lms_toolkit/month_names.py); the hour always has two digits.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
