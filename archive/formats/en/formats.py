# Dates on English pages as archive/dates.py writes the documents' dates
# («March 3, 2021»): Django's own English DATE_FORMAT abbreviates the month
# («Mar. 3, 2021»), which would put two styles on one page.
DATE_FORMAT = "F j, Y"
