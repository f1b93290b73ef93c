/* names.c - the name, street and town lists of names.h. */
#include "names.h"

#define LIST(a) { a, sizeof(a) / sizeof((a)[0]) }

static const char *const female_first[] = {
    "Marie", "Hélène", "Zoé", "Chloé", "Bérénice", "Léa", "Manon", "Camille",
    "Inès", "Jade", "Louise", "Emma", "Alice", "Lina", "Rose", "Anna",
    "Ambre", "Juliette", "Léna", "Mila", "Agathe", "Éloïse", "Margaux",
    "Clémence", "Élodie", "Aurélie", "Sandrine", "Nathalie", "Isabelle",
    "Sylvie", "Catherine", "Françoise", "Monique", "Christine", "Valérie",
    "Véronique", "Céline", "Stéphanie", "Émilie", "Julie", "Laëtitia",
    "Sophie", "Anaïs", "Océane", "Maëlys", "Noémie", "Mélanie", "Audrey",
    "Laure", "Pauline", "Charlotte", "Lucie", "Mathilde", "Élise", "Capucine",
    "Héloïse", "Joséphine", "Adèle", "Gabrielle", "Romane", "Salomé",
    "Apolline", "Albane", "Cécile", "Geneviève", "Thérèse", "Odile",
    "Brigitte", "Danielle", "Josiane", "Martine", "Colette", "Yvette",
    "Ginette", "Jacqueline", "Fatima", "Amina", "Yasmine", "Aïcha", "Nadia",
    "Samira", "Leïla", "Sarah", "Myriam", "Khadija", "Fatoumata", "Aminata",
    "Mariam", "Awa", "Ophélie", "Solène", "Maïwenn", "Gwenaëlle", "Annick",
    "Armelle", "Anne-Sophie", "Marie-Christine",
};

static const char *const male_first[] = {
    "Jean", "Pierre", "Benoît", "Louis", "Gabriel", "Raphaël", "Léo",
    "Lucas", "Hugo", "Arthur", "Jules", "Adam", "Maël", "Noah", "Nathan",
    "Théo", "Tom", "Paul", "Éthan", "Sacha", "Timéo", "Noé", "Aurélien",
    "Jérôme", "Stéphane", "Frédéric", "Sébastien", "Olivier", "Nicolas",
    "Christophe", "Philippe", "Michel", "Alain", "Bernard", "André", "René",
    "Gérard", "Jacques", "Claude", "Daniel", "Patrick", "Thierry", "Éric",
    "Laurent", "Pascal", "Franck", "Cédric", "Grégory", "Julien", "Maxime",
    "Antoine", "Clément", "Quentin", "Romain", "Alexandre", "Mathieu",
    "Guillaume", "Florian", "Kévin", "Anthony", "Jérémy", "Loïc", "Yannick",
    "Gaël", "Hervé", "Joël", "Noël", "Mickaël", "Valentin", "Baptiste",
    "Victor", "Martin", "Simon", "Mathis", "Enzo", "Axel", "Mohamed",
    "Karim", "Mehdi", "Rachid", "Youssef", "Samir", "Bilal", "Moussa",
    "Mamadou", "Ibrahim", "Amadou", "Yanis", "Rayan", "Ilyès", "Nordine",
    "François", "Gilles", "Yves", "Serge", "Marcel", "Lucien", "Émile",
    "Léon", "Achille", "Jean-Luc", "Jean-Pierre",
};

static const char *const surnames[] = {
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
    "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel",
    "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
    "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
    "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
    "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine",
    "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer",
    "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy",
    "Noël", "Meyer", "Lucas", "Meunier", "Pérez", "Marchand", "Dufour",
    "Blanchard", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux",
    "Colin", "Fernandez", "Renard", "Arnaud", "Rolland", "Caron", "Aubert",
    "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine",
    "Picard", "Gaillard", "Leclercq", "Lacroix", "Fabre", "Dupuis",
    "Rodriguez", "Da Silva", "Hubert", "Guillot", "Rivière", "Le Gall",
    "Rey", "Moulin", "Gonzalez", "Berger", "Lecomte", "Ménard", "Fleury",
    "Deschamps", "Carpentier", "Maillard", "Marchal", "Aubry", "Vasseur",
    "Le Roux", "Renault", "Jacquet", "Collet", "Prévost", "Poirier",
    "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Carré",
    "Breton", "Rémy", "Schneider", "Perrot", "Guyot", "Barré", "Marty",
    "Cousin", "Bérenger", "Lebrun", "Hoarau", "Benali", "Haddad", "Traoré",
    "Diallo", "Ben Amor", "Bouvier", "Lévêque", "Besnard", "Gicquel",
    "Pelletier", "Bénard", "Thiébaut", "Chrétien", "Pottier", "Le Bihan",
    "N'Diaye", "Kerjean", "Œuvrard", "Bouchet", "Tessier", "Delaunay",
};

static const char *const streets[] = {
    "rue des Lilas", "rue de la Paix", "avenue de la République",
    "rue des Tilleuls", "rue du Moulin", "place de la Mairie",
    "chemin des Vignes", "allée des Peupliers", "impasse des Acacias",
    "rue de l'Église", "boulevard de la Gare", "rue des Écoles",
    "avenue des Érables", "rue du Château-d'Eau", "rue de la Fontaine",
    "route de la Forêt", "rue des Jardins", "rue Neuve", "Grande Rue",
    "rue du Stade", "rue des Prés", "square des Mésanges",
    "résidence les Hêtres", "cité des Fleurs", "rue du Lavoir",
    "chemin de la Croix-Blanche", "rue des Coquelicots", "quai du Canal",
    "rue de la Poste", "avenue du Général-de-Gaulle", "rue des Artisans",
    "allée des Châtaigniers",
};

/* Invented towns with postcodes in 99xxx, a range no French address uses:
 * any resemblance to a real place is chance. */
const struct demo_town demo_towns[] = {
    { "Valbrune-sur-Loire", "99100" }, { "Saint-Aubin-des-Prés", "99110" },
    { "Montclair-le-Haut", "99120" }, { "Villeneuve-la-Rivière", "99130" },
    { "Beaulieu-les-Vignes", "99140" }, { "Fontenay-sur-Brême", "99150" },
    { "Les Essarts-du-Val", "99160" }, { "Pontvert", "99170" },
    { "Rochemaure-la-Forêt", "99180" }, { "Sainte-Colombe-des-Champs", "99190" },
    { "Belcourt", "99200" }, { "Marigny-l'Étang", "99210" },
    { "Aubergenville-la-Haute", "99220" }, { "Châtelrive", "99230" },
    { "Bois-Joli", "99240" }, { "Lanvéoc-sur-Mer", "99250" },
    { "Combes-Hautes", "99260" }, { "Vaudrémont", "99270" },
    { "Saint-Éloi-du-Bois", "99280" }, { "Mézières-la-Plaine", "99290" },
    { "Courtefontaine", "99300" }, { "Ribemont-sur-Orne", "99310" },
    { "Lhéry-le-Vieux", "99320" }, { "Sablons-en-Brie", "99330" },
};
const size_t demo_town_count = sizeof(demo_towns) / sizeof(demo_towns[0]);

const struct demo_name_list demo_female_first = LIST(female_first);
const struct demo_name_list demo_male_first = LIST(male_first);
const struct demo_name_list demo_surnames = LIST(surnames);
const struct demo_name_list demo_streets = LIST(streets);

/* Two-byte UTF-8 letters of the lists above and their ASCII forms. */
static const struct {
    const char *utf8;
    const char *ascii;
} folds[] = {
    { "à", "a" }, { "â", "a" }, { "ä", "a" }, { "À", "a" }, { "Â", "a" },
    { "é", "e" }, { "è", "e" }, { "ê", "e" }, { "ë", "e" }, { "É", "e" },
    { "È", "e" }, { "Ê", "e" }, { "Ë", "e" }, { "î", "i" }, { "ï", "i" },
    { "Î", "i" }, { "Ï", "i" }, { "ô", "o" }, { "ö", "o" }, { "Ô", "o" },
    { "ù", "u" }, { "û", "u" }, { "ü", "u" }, { "Û", "u" }, { "Ü", "u" },
    { "ç", "c" }, { "Ç", "c" }, { "œ", "oe" }, { "Œ", "oe" }, { "æ", "ae" },
    { "Æ", "ae" }, { "ÿ", "y" }, { "ñ", "n" },
};

static void put(char *out, size_t size, size_t *len, char c)
{
    if (*len + 1 < size)
        out[(*len)++] = c;
}

size_t demo_ascii_fold(const char *utf8, int keep_hyphen, char *out,
                       size_t size)
{
    size_t len = 0;
    if (size == 0)
        return 0;
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
            put(out, size, &len, (char)(*p | 0x20));
            p++;
        } else if (*p == ' ' || *p == '-' || *p == '\'') {
            if (keep_hyphen && len > 0 && out[len - 1] != '-')
                put(out, size, &len, '-');
            p++;
        } else if (*p >= 0xc0 && p[1]) {
            const char *fold = "";
            for (size_t i = 0; i < sizeof(folds) / sizeof(folds[0]); i++) {
                if ((unsigned char)folds[i].utf8[0] == p[0] &&
                    (unsigned char)folds[i].utf8[1] == p[1]) {
                    fold = folds[i].ascii;
                    break;
                }
            }
            for (; *fold; fold++)
                put(out, size, &len, *fold);
            /* Skip the whole sequence, whatever its length. */
            p++;
            while ((*p & 0xc0) == 0x80)
                p++;
        } else {
            p++;
        }
    }
    while (len > 0 && out[len - 1] == '-')
        len--;
    out[len] = '\0';
    return len;
}
