//! Small made-up stories for clustering tests, written for this project:
//! a wildfire in Australia (clearly unlike the fixtures) and a Russian
//! strike on Ukraine's power grid in the same week as the seed story (same
//! country, leader and vocabulary of war, but a different event).

#![allow(dead_code)]

use chrono::NaiveDate;
use concord_model::Article;

pub fn article(id: &str, title: Option<&str>, date: Option<&str>, paragraphs: &[&str]) -> Article {
    Article {
        title: title.map(str::to_string),
        published: date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        ..Article::from_paragraphs(id.to_string(), paragraphs.iter().copied())
    }
}

pub fn wildfire() -> Vec<Article> {
    vec![
        article(
            "fire-a",
            Some("Bushfire forces thousands to flee towns in Victoria's Grampians"),
            None,
            &[
                "Thousands of residents were ordered to leave towns near the Grampians National Park in western Victoria on Thursday as a bushfire that has burned more than 40,000 hectares jumped containment lines.",
                "Emergency Management Victoria said the blaze was moving east towards Halls Gap and Pomonal under strong northerly winds and temperatures above 40 degrees Celsius.",
                "\"If you are in these communities, it is too late to leave, and you must shelter in place,\" state emergency commissioner Rick Nugent told reporters in Melbourne.",
                "At least 12 homes have been destroyed, and the Country Fire Authority has more than 600 firefighters and 40 aircraft working on the fire.",
            ],
        ),
        article(
            "fire-b",
            Some("Grampians blaze destroys homes as firefighters battle extreme heat"),
            None,
            &[
                "A fast-moving bushfire in the Grampians region destroyed homes in Pomonal and threatened Halls Gap as Victoria sweltered through its hottest day of the summer.",
                "Country Fire Authority crews backed by water-bombing aircraft fought to protect properties while evacuation centres in Ararat and Stawell filled with families and their pets.",
                "Premier Jacinta Allan said the state would provide emergency relief payments to residents who had lost their homes in the fire.",
                "Authorities warned that the danger would persist into the weekend, with a total fire ban declared across the state.",
            ],
        ),
        article(
            "fire-c",
            Some("Victoria bushfire: residents return to find Pomonal homes in ashes"),
            None,
            &[
                "Residents of Pomonal returned on Saturday to find dozens of homes reduced to ash after the Grampians bushfire swept through the town.",
                "The fire, which burned through more than 45,000 hectares of national park and farmland, was downgraded to advice level after a cool change brought light rain.",
                "Emergency Management Victoria said 46 homes had been lost and livestock losses were still being counted across the western district.",
            ],
        ),
    ]
}

pub fn grid_strike() -> Vec<Article> {
    vec![
        article(
            "grid-a",
            Some("Russian missiles and drones pound Ukraine's power grid, forcing blackouts"),
            None,
            &[
                "Russia launched more than 40 missiles and 70 drones at Ukraine's energy infrastructure overnight, forcing the national grid operator Ukrenergo to impose emergency power cuts across several regions on Wednesday.",
                "Thermal power plants in the Lviv and Ivano-Frankivsk regions were damaged, and gas production facilities were hit, Energy Minister Herman Halushchenko said.",
                "\"Russia is trying to break our energy system in the middle of winter,\" President Volodymyr Zelensky said, urging allies to speed up deliveries of air defence systems.",
                "Ukraine's air force said it shot down 30 missiles and 47 drones.",
            ],
        ),
        article(
            "grid-b",
            Some("Ukraine imposes blackouts after massive attack on energy facilities"),
            None,
            &[
                "Ukrenergo said hourly blackouts would be needed in Kyiv and eight other regions after the overnight barrage damaged substations and generating units.",
                "Halushchenko said Naftogaz gas facilities in western Ukraine had been targeted for the second time in a month.",
                "Zelenskiy said Ukraine needed more Patriot systems to protect its power plants before temperatures drop further.",
            ],
        ),
        article(
            "grid-c",
            Some("Power cuts across Ukraine as Russia strikes gas and energy sites"),
            None,
            &[
                "Engineers worked to restore electricity to hundreds of thousands of homes in western Ukraine after Russian missiles struck thermal power plants and gas infrastructure.",
                "Poland scrambled fighter jets as the missiles flew near its border, the Polish military said.",
                "Ukrenergo asked consumers to limit their use of electricity in the evening peak while repairs continue.",
            ],
        ),
    ]
}
