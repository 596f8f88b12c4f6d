# English: "21 January 2027, 14:30", day before month and 24-hour, as the School
# writes in Baku. Django's own (django/conf/locale/en) is American: "Jan. 21, 2027",
# "01/21/2027", "2:30 p.m.". No format here writes a date in figures and slashes.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
