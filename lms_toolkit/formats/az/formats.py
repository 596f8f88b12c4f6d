# Azerbaijani: "21 yanvar 2027, 14:30". Django's own (django/conf/locale/az) writes
# "21 Yanvar 2027, 9:05": the month names are lower-cased in our catalogues
# (lms_toolkit/month_names.py), and the hour always has two digits.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
