//! Places: countries with their demonyms, cities named without a locative
//! cue, and the words around a name that make it a place.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// `Country|demonym|demonym…`. Demonyms map to the country as a LOCATION.
const COUNTRIES: &str = "\
Afghanistan|Afghan;Albania|Albanian;Algeria|Algerian;Angola|Angolan;Argentina|Argentine|Argentinian;\
Armenia|Armenian;Australia|Australian;Austria|Austrian;Azerbaijan|Azerbaijani;Bahrain|Bahraini;\
Bangladesh|Bangladeshi;Belarus|Belarusian;Belgium|Belgian;Bolivia|Bolivian;Bosnia|Bosnian;Brazil|Brazilian;\
Britain|British;Bulgaria|Bulgarian;Cambodia|Cambodian;Cameroon|Cameroonian;Canada|Canadian;Chad|Chadian;\
Chile|Chilean;China|Chinese;Colombia|Colombian;Congo|Congolese;Croatia|Croatian;Cuba|Cuban;Cyprus|Cypriot;\
Czech Republic|Czech;Denmark|Danish;Ecuador|Ecuadorian;Egypt|Egyptian;Estonia|Estonian;Ethiopia|Ethiopian;\
Finland|Finnish;France|French;Georgia|Georgian;Germany|German;Ghana|Ghanaian;Greece|Greek;\
Guatemala|Guatemalan;Haiti|Haitian;Honduras|Honduran;Hungary|Hungarian;Iceland|Icelandic;India|Indian;\
Indonesia|Indonesian;Iran|Iranian;Iraq|Iraqi;Ireland|Irish;Israel|Israeli;Italy|Italian;Japan|Japanese;\
Jordan|Jordanian;Kazakhstan|Kazakh;Kenya|Kenyan;Kosovo|Kosovar;Kuwait|Kuwaiti;Kyrgyzstan|Kyrgyz;Laos|Laotian;\
Latvia|Latvian;Lebanon|Lebanese;Libya|Libyan;Lithuania|Lithuanian;Malaysia|Malaysian;Mali|Malian;\
Mexico|Mexican;Moldova|Moldovan;Mongolia|Mongolian;Morocco|Moroccan;Mozambique|Mozambican;Myanmar|Burmese;\
Nepal|Nepalese|Nepali;Netherlands|Dutch;New Zealand|New Zealander;Nicaragua|Nicaraguan;Niger|Nigerien;\
Nigeria|Nigerian;North Korea|North Korean|N Korean|N. Korean;Norway|Norwegian;Oman|Omani;Pakistan|Pakistani;\
Palestine|Palestinian;Panama|Panamanian;Paraguay|Paraguayan;Peru|Peruvian;Philippines|Filipino|Philippine;\
Poland|Polish;Portugal|Portuguese;Qatar|Qatari;Romania|Romanian;Russia|Russian;Rwanda|Rwandan;\
Saudi Arabia|Saudi|Saudi Arabian;Senegal|Senegalese;Serbia|Serbian;Singapore|Singaporean;Slovakia|Slovak;\
Slovenia|Slovenian;Somalia|Somali;South Africa|South African;South Korea|South Korean|S Korean|S. Korean;\
South Sudan|South Sudanese;Spain|Spanish;Sri Lanka|Sri Lankan;Sudan|Sudanese;Sweden|Swedish;\
Switzerland|Swiss;Syria|Syrian;Taiwan|Taiwanese;Tajikistan|Tajik;Tanzania|Tanzanian;Thailand|Thai;\
Tunisia|Tunisian;Turkey|Turkish;Türkiye;Turkmenistan|Turkmen;Uganda|Ugandan;Ukraine|Ukrainian;\
United Arab Emirates|Emirati;United Kingdom;United States|American;U.S.;US;UK;Uruguay|Uruguayan;\
Uzbekistan|Uzbek;Venezuela|Venezuelan;Vietnam|Vietnamese;Yemen|Yemeni;Zambia|Zambian;Zimbabwe|Zimbabwean;\
Korea|Korean;Europe|European;Africa|African;Asia|Asian;Crimea|Crimean;Gaza;West Bank;Kashmir|Kashmiri;\
Kurdistan|Kurdish;Chechnya|Chechen;Donbas;Tibet|Tibetan;Catalonia|Catalan;Scotland|Scottish;Wales|Welsh;\
England|English";

/// Capitals and other cities that appear in news without a locative cue.
const CITIES: &[&str] = &[
    "Kyiv",
    "Kiev",
    "Moscow",
    "Seoul",
    "Pyongyang",
    "Beijing",
    "Tokyo",
    "Washington",
    "London",
    "Paris",
    "Berlin",
    "Brussels",
    "Rome",
    "Madrid",
    "Lisbon",
    "Vienna",
    "Warsaw",
    "Prague",
    "Budapest",
    "Bucharest",
    "Sofia",
    "Athens",
    "Ankara",
    "Istanbul",
    "Tehran",
    "Baghdad",
    "Damascus",
    "Beirut",
    "Jerusalem",
    "Tel Aviv",
    "Cairo",
    "Riyadh",
    "Doha",
    "Dubai",
    "Abu Dhabi",
    "Kabul",
    "Islamabad",
    "New Delhi",
    "Delhi",
    "Mumbai",
    "Dhaka",
    "Bangkok",
    "Hanoi",
    "Jakarta",
    "Manila",
    "Taipei",
    "Hong Kong",
    "Shanghai",
    "Canberra",
    "Sydney",
    "Ottawa",
    "Toronto",
    "Mexico City",
    "Brasilia",
    "Rio de Janeiro",
    "Sao Paulo",
    "Buenos Aires",
    "Santiago",
    "Lima",
    "Bogota",
    "Caracas",
    "Havana",
    "Nairobi",
    "Lagos",
    "Abuja",
    "Addis Ababa",
    "Khartoum",
    "Johannesburg",
    "Pretoria",
    "Kinshasa",
    "Minsk",
    "Tbilisi",
    "Yerevan",
    "Baku",
    "Astana",
    "Tashkent",
    "Kharkiv",
    "Odesa",
    "Odessa",
    "Lviv",
    "Donetsk",
    "Luhansk",
    "Mariupol",
    "Kherson",
    "Zaporizhzhia",
    "Dnipro",
    "Kursk",
    "Belgorod",
    "St Petersburg",
    "Minsk",
    "New York",
    "Los Angeles",
    "Chicago",
    "Geneva",
    "Davos",
    "The Hague",
    "Stockholm",
    "Oslo",
    "Helsinki",
    "Copenhagen",
    "Dublin",
    "Edinburgh",
    "Amsterdam",
    "Frankfurt",
    "Munich",
    "Milan",
    "Barcelona",
    "Marrakech",
    "Rabat",
    "Casablanca",
    "Tunis",
    "Algiers",
    "Tripoli",
    "Gaziantep",
    "Antakya",
    "Hatay",
    "Kahramanmaras",
    "Izmir",
    "Aleppo",
    "Idlib",
    "Homs",
    "Mosul",
    "Basra",
    "Kandahar",
    "Karachi",
    "Lahore",
    "Kathmandu",
    "Colombo",
    "Yangon",
    "Phnom Penh",
    "Kuala Lumpur",
    "Singapore",
    "Wellington",
    "Auckland",
    "Osaka",
    "Busan",
    "Vladivostok",
    "Gaza City",
];

/// Lower-case words after a name that make it a place ("Kursk region").
pub const LOCATIVE_SUFFIXES: &[&str] = &[
    "region",
    "province",
    "oblast",
    "district",
    "county",
    "state",
    "prefecture",
    "governorate",
    "city",
    "town",
    "village",
    "valley",
    "peninsula",
    "island",
    "islands",
    "coast",
    "border",
];

/// Capitalised locative words that end a place name ("Kursk Oblast").
pub const LOCATIVE_HEADS: &[&str] = &[
    "Oblast",
    "Region",
    "Province",
    "District",
    "County",
    "State",
    "Prefecture",
    "Governorate",
    "City",
    "Island",
    "Islands",
    "Peninsula",
    "Valley",
    "Mountains",
    "Sea",
    "River",
    "Strait",
    "Gulf",
    "Bay",
    "Lake",
    "Ocean",
    "Desert",
    "Krai",
    "Republic",
];

static COUNTRY_INDEX: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut index = HashMap::new();
    for entry in COUNTRIES.split(';') {
        let mut forms = entry.split('|');
        let Some(country) = forms.next() else {
            continue;
        };
        for form in std::iter::once(country).chain(forms) {
            index.insert(concord_text::name_key(form), country);
        }
    }
    index
});

static CITY_INDEX: LazyLock<HashSet<String>> =
    LazyLock::new(|| CITIES.iter().map(|c| concord_text::name_key(c)).collect());

/// The country a demonym or country name stands for, if it is one
/// ("North Korean" and "North Koreans" → "North Korea").
pub fn country_for(name: &str) -> Option<&'static str> {
    country_for_key(&concord_text::name_key(name))
}

/// [`country_for`] of a name already keyed with `concord_text::name_key`:
/// a caller asking about one name several ways keys it once.
pub fn country_for_key(key: &str) -> Option<&'static str> {
    COUNTRY_INDEX.get(key).copied().or_else(|| {
        key.strip_suffix('s')
            .and_then(|singular| COUNTRY_INDEX.get(singular).copied())
    })
}

/// True for a known city.
pub fn is_city(name: &str) -> bool {
    is_city_key(&concord_text::name_key(name))
}

/// [`is_city`] of a name already keyed with `concord_text::name_key`.
pub fn is_city_key(key: &str) -> bool {
    CITY_INDEX.contains(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demonyms_map_to_countries() {
        assert_eq!(country_for("North Korean"), Some("North Korea"));
        assert_eq!(country_for("Ukrainian"), Some("Ukraine"));
        assert_eq!(country_for("Brazil"), Some("Brazil"));
        assert_eq!(country_for("Zelensky"), None);
    }

    proptest::proptest! {
        /// The keyed lookups entity extraction now calls, against the
        /// by-name lookups it called before.
        #[test]
        fn keyed_lookups_answer_as_by_name(
            name in "(North|South|Korean|Koreans|Kyiv|Paris|New York|U.S.|Brazilian|Zelensky|Côte d'Ivoire|[A-Za-zé' -]{0,12})"
        ) {
            let key = concord_text::name_key(&name);
            proptest::prop_assert_eq!(country_for_key(&key), country_for(&name));
            proptest::prop_assert_eq!(is_city_key(&key), is_city(&name));
        }
    }
}
