"""US plate styles for the synthetic generator: one row per state (and DC).

Each row: name as printed, the colours of the plate background (top, bottom), of the state name,
of the characters, the usual serial formats, and bottom slogans. Format letters: A = letter,
9 = digit, X = letter or digit, '-' dash, ' ' gap, '.' small dot, '*' emblem in the gap.
The colours and formats are common-issue plates as remembered from public photos; they are
approximate on purpose — the reader must not depend on one exact design.
"""

WHITE = (245, 245, 240)
NAVY = (20, 35, 90)
BLUE = (30, 60, 160)
BLACK = (20, 20, 20)
RED = (170, 25, 30)
GREEN = (20, 100, 50)
MAROON = (110, 20, 30)

# name, bg top, bg bottom, name colour, text colour, formats, slogans
STATES = {
    'AK': ('ALASKA', (245, 205, 60), (240, 195, 50), NAVY, NAVY, ['AAA 999', 'AAA999'], ['The Last Frontier', 'North to the Future']),
    'AL': ('Alabama', WHITE, (200, 225, 245), RED, NAVY, ['99A999A', '9A9999A', '99A99A9', 'AAA999'], ['Heart of Dixie', 'Stars Fell On Alabama']),
    'AZ': ('ARIZONA', (250, 240, 215), (230, 140, 60), NAVY, (20, 80, 50), ['AAA9999', 'AAA 999', '999AAA'], ['Grand Canyon State']),
    'AR': ('Arkansas', WHITE, (200, 225, 245), RED, NAVY, ['999AAA', '999 AAA', 'AAA 99A'], ['The Natural State']),
    'CA': ('California', WHITE, WHITE, RED, NAVY, ['9AAA999'], ['dmv.ca.gov', 'Lake Tahoe', 'Sunshine State', '']),
    'CO': ('COLORADO', WHITE, (40, 100, 60), GREEN, GREEN, ['999-AAA', 'AAA-A99', 'AAA-999'], ['']),
    'CT': ('Connecticut', (210, 230, 250), WHITE, NAVY, NAVY, ['999.AAA', 'AA.99999', 'AA 99999'], ['Constitution State']),
    'DE': ('DELAWARE', (30, 50, 110), (30, 50, 110), (230, 190, 80), (235, 195, 90), ['999999', '99999', '9999999'], ['THE FIRST STATE']),
    'DC': ('WASHINGTON, DC', WHITE, WHITE, RED, BLUE, ['AA-9999', 'AA*9999', '999*999'], ['TAXATION WITHOUT REPRESENTATION', 'Celebrate & Discover']),
    'FL': ('FLORIDA', WHITE, WHITE, GREEN, GREEN, ['AAA A99', '999 AAA', 'AAA*A99', '999*AAA', '99A*AA'], ['Sunshine State', 'MyFlorida.com']),
    'GA': ('GEORGIA', WHITE, (230, 230, 200), BLACK, BLACK, ['AAA9999', 'AAA 9999', 'AA9999'], ['In God We Trust', 'COUNTY']),
    'HI': ('HAWAII', WHITE, WHITE, BLACK, BLACK, ['AAA 999', 'AAA*999'], ['Aloha State']),
    'ID': ('IDAHO', (210, 230, 250), WHITE, RED, RED, ['9A 99999', '9A A9999', '9A9 9999'], ['Famous Potatoes', 'Scenic Idaho']),
    'IL': ('Illinois', WHITE, WHITE, RED, MAROON, ['A99 9999', 'AA 99999', '999 9999', 'A 999999'], ['Land of Lincoln']),
    'IN': ('INDIANA', WHITE, WHITE, NAVY, NAVY, ['999AAA', '999A', 'AAA999', '99A99'], ['Crossroads of America', 'In God We Trust']),
    'IA': ('IOWA', WHITE, WHITE, NAVY, NAVY, ['AAA 999', '999 AAA', '9999 AA'], ['COUNTY']),
    'KS': ('KANSAS', (225, 230, 235), (180, 190, 200), NAVY, NAVY, ['999 AAA', 'AAA 999'], ['']),
    'KY': ('Kentucky', WHITE, (200, 220, 245), NAVY, NAVY, ['999-AAA', 'AAA999', '999AAA'], ['Unbridled Spirit', 'kentucky.gov']),
    'LA': ('LOUISIANA', WHITE, WHITE, RED, NAVY, ['999 AAA', 'AAA 999', '999A999'], ['Sportsman\'s Paradise', 'Bayou State']),
    'ME': ('MAINE', WHITE, WHITE, BLACK, BLACK, ['9999 AA', '999-AAA', '999 AAA'], ['Vacationland', 'Lobster']),
    'MD': ('Maryland', WHITE, WHITE, BLACK, BLACK, ['9AA9999', '9AA 999', 'AAA999', '99A999'], ['www.maryland.gov', 'Treasure the Chesapeake']),
    'MA': ('Massachusetts', WHITE, WHITE, BLUE, RED, ['999 AA9', '9AA 999', '99A A99', '9999'], ['The Spirit of America']),
    'MI': ('MICHIGAN', WHITE, WHITE, BLUE, BLUE, ['AAA 9999', 'AAA9999', '9AAA99'], ['Great Lakes State', 'Pure Michigan']),
    'MN': ('MINNESOTA', WHITE, (200, 220, 245), NAVY, NAVY, ['999-AAA', 'AAA-999', '999 AAA'], ['10,000 lakes', 'Explore Minnesota']),
    'MS': ('MISSISSIPPI', WHITE, (230, 230, 210), NAVY, NAVY, ['AAA 9999', 'AA9 9999', 'A999'], ['In God We Trust']),
    'MO': ('Missouri', WHITE, WHITE, BLUE, NAVY, ['AA9 A9A', 'AAA 999', '9AA 999'], ['SHOW ME STATE']),
    'MT': ('MONTANA', (30, 50, 110), (30, 50, 110), WHITE, WHITE, ['9-99999A', '99-9999A', '9-9999A'], ['Treasure State']),
    'NE': ('Nebraska', WHITE, WHITE, BLUE, NAVY, ['AAA 999', '99-A999', '9-A9999'], ['']),
    'NV': ('NEVADA', (215, 230, 245), (230, 170, 100), NAVY, NAVY, ['999-A99', '99A-999', '999AAA'], ['The Silver State', 'Home Means Nevada']),
    'NH': ('New Hampshire', WHITE, WHITE, GREEN, GREEN, ['999 9999', '9999999', 'AAA*99'], ['Live Free or Die']),
    'NJ': ('New Jersey', (245, 230, 150), (250, 245, 215), BLACK, BLACK, ['A99-AAA', 'AAA-99A', 'AA-99999', 'A99*AAA'], ['Garden State']),
    'NM': ('NEW MEXICO', (245, 210, 70), (245, 210, 70), RED, RED, ['AAA-999', '999-AAA', 'AAA*999'], ['Land of Enchantment', 'USA']),
    'NY': ('NEW YORK', WHITE, (245, 205, 90), NAVY, NAVY, ['AAA-9999', 'AAA 9999', '99A-AA9'], ['EMPIRE STATE', 'Excelsior']),
    'NC': ('NORTH CAROLINA', WHITE, WHITE, RED, BLUE, ['AAA-9999', 'AAA-999'], ['First in Flight', 'First in Freedom']),
    'ND': ('NORTH DAKOTA', (210, 230, 250), (240, 220, 170), NAVY, NAVY, ['999 AAA', 'AAA 999'], ['PEACE GARDEN STATE', 'Discover the Spirit']),
    'OH': ('OHIO', WHITE, (240, 220, 170), RED, BLACK, ['AAA 9999', 'AAA9999'], ['Birthplace of Aviation', 'Beautiful Ohio']),
    'OK': ('OKLAHOMA', WHITE, WHITE, NAVY, MAROON, ['999-AAA', 'AAA-999', '999AAA'], ['Native America', 'OK.gov']),
    'OR': ('Oregon', WHITE, (200, 220, 240), NAVY, NAVY, ['999 AAA', 'AAA 999', '999*AAA'], ['']),
    'PA': ('PENNSYLVANIA', WHITE, (245, 200, 60), NAVY, NAVY, ['AAA-9999', 'AAA 9999', 'AA 999A'], ['visitPA.com', 'www.state.pa.us']),
    'RI': ('Rhode Island', WHITE, (200, 220, 240), NAVY, NAVY, ['999-999', 'AA-999', '9AA-999', '999 999'], ['Ocean State']),
    'SC': ('SOUTH CAROLINA', WHITE, (230, 200, 150), NAVY, NAVY, ['AAA 999', 'AAA*999', '999 AAA'], ['While I Breathe I Hope', 'Travel2SC.com']),
    'SD': ('South Dakota', WHITE, (210, 230, 250), NAVY, NAVY, ['9A9 999', '99A 999', '9A 9999'], ['Great Faces Great Places']),
    'TN': ('Tennessee', WHITE, WHITE, RED, NAVY, ['A99-99A', '999-AAA', 'AAA-999'], ['Volunteer State', 'tnvacation.com']),
    'TX': ('TEXAS', WHITE, WHITE, BLACK, BLACK, ['AAA-9999', 'AA9-A999', '999-AAA', 'AAA 9999'], ['The Lone Star State']),
    'UT': ('UTAH', WHITE, (230, 140, 80), NAVY, BLACK, ['A99 9AA', '999 AAA', 'A99*9AA'], ['LIFE ELEVATED', 'Greatest Snow on Earth']),
    'VT': ('VERMONT', (25, 95, 55), (25, 95, 55), WHITE, WHITE, ['AAA 999', '999A999', 'AA 999'], ['GREEN MOUNTAIN STATE']),
    'VA': ('VIRGINIA', WHITE, WHITE, NAVY, NAVY, ['AAA-9999', 'AAA-999', '9AA-999', 'AA-9999'], ['Virginia is for lovers', 'Commonwealth']),
    'WA': ('Washington', WHITE, (215, 230, 245), RED, NAVY, ['AAA9999', '999AAA', 'AAA 9999', '999 AAA'], ['Evergreen State', '']),
    'WV': ('WEST VIRGINIA', WHITE, (245, 205, 90), NAVY, NAVY, ['9AA 999', 'AAA 999', '9A 9999'], ['Wild, Wonderful', 'www.callwva.com']),
    'WI': ('WISCONSIN', WHITE, WHITE, RED, BLACK, ['999-AAA', 'AAA-9999', 'AAA-999'], ['America\'s Dairyland']),
    'WY': ('WYOMING', WHITE, (200, 190, 160), NAVY, NAVY, ['9999', '99999', '999A', '999'], ['LIKE NO PLACE ON EARTH']),
}

# Light and dark background colours for specialty / vanity / old-issue plates
SPECIALTY_BG = [WHITE, (250, 240, 200), (220, 235, 250), (230, 245, 230), (250, 225, 200), (240, 240, 240),
                (40, 60, 120), (30, 90, 50), (20, 20, 20), (150, 30, 40), (245, 215, 80), (90, 160, 200)]
