/**
 * Built-in sample data for the demo evaluation: a few dozen items written for lmeter, in the
 * column layout of the real datasets (GSM8K, ARC, MMLU). Not from any published dataset.
 *
 * @module
 */

/** GSM8K-style rows (`question`, `answer` with `#### N`): the test split. */
export const GSM8K_TEST = [
  {
    "question":
      "Lena buys 3 boxes of pencils with 12 pencils in each box. She gives away 7 pencils. How many pencils does she have left?",
    "answer":
      "3 boxes hold 3 * 12 = <<3*12=36>>36 pencils.\nAfter giving away 7 she has 36 - 7 = <<36-7=29>>29 pencils.\n#### 29",
  },
  {
    "question":
      "A bakery sells muffins for $2 each. On Monday it sold 45 muffins and on Tuesday 30 more than on Monday. How much money did it make over the two days?",
    "answer":
      "On Tuesday it sold 45 + 30 = <<45+30=75>>75 muffins.\nIn total 45 + 75 = <<45+75=120>>120 muffins.\nThat is 120 * 2 = <<120*2=240>>240 dollars.\n#### 240",
  },
  {
    "question":
      "Omar reads 15 pages a day. How many days does he need to finish a book of 180 pages?",
    "answer": "He needs 180 / 15 = <<180/15=12>>12 days.\n#### 12",
  },
  {
    "question":
      "A garden has 8 rows of tomato plants with 9 plants in each row. Each plant gives 4 tomatoes. How many tomatoes does the garden give?",
    "answer":
      "There are 8 * 9 = <<8*9=72>>72 plants.\nThey give 72 * 4 = <<72*4=288>>288 tomatoes.\n#### 288",
  },
  {
    "question":
      "Mia had 50 stickers. She used 18 on her notebook and then bought 25 more. How many stickers does she have now?",
    "answer":
      "After using some she had 50 - 18 = <<50-18=32>>32.\nAfter buying more she has 32 + 25 = <<32+25=57>>57.\n#### 57",
  },
  {
    "question": "A train travels at 60 miles per hour for 2.5 hours. How far does it go?",
    "answer": "It goes 60 * 2.5 = <<60*2.5=150>>150 miles.\n#### 150",
  },
  {
    "question":
      "Tom splits 96 marbles equally among 4 friends and keeps none. How many marbles does each friend get?",
    "answer": "Each friend gets 96 / 4 = <<96/4=24>>24 marbles.\n#### 24",
  },
  {
    "question": "A shirt costs $40 and is on sale for 25% off. What is the sale price?",
    "answer":
      "The discount is 40 * 0.25 = <<40*0.25=10>>10 dollars.\nThe sale price is 40 - 10 = <<40-10=30>>30 dollars.\n#### 30",
  },
  {
    "question":
      "A library has 120 books and lends out 45. Then 18 are returned. How many books are in the library now?",
    "answer":
      "After lending it has 120 - 45 = <<120-45=75>>75.\nAfter returns it has 75 + 18 = <<75+18=93>>93.\n#### 93",
  },
  {
    "question": "Each pizza is cut into 8 slices. How many slices are in 7 pizzas?",
    "answer": "7 * 8 = <<7*8=56>>56 slices.\n#### 56",
  },
  {
    "question": "Jo saves $15 a week. How many weeks does she need to save $135?",
    "answer": "135 / 15 = <<135/15=9>>9 weeks.\n#### 9",
  },
  {
    "question": "A farmer has 14 cows and twice as many sheep. How many animals does he have?",
    "answer":
      "He has 14 * 2 = <<14*2=28>>28 sheep.\nIn total 14 + 28 = <<14+28=42>>42 animals.\n#### 42",
  },
] as const;

/** GSM8K-style rows: the few-shot (train) split. */
export const GSM8K_TRAIN = [
  {
    "question": "Sam has 4 apples and buys 6 more. How many apples does he have?",
    "answer": "He has 4 + 6 = <<4+6=10>>10 apples.\n#### 10",
  },
  {
    "question": "A box holds 5 rows of 7 eggs. How many eggs are in the box?",
    "answer": "There are 5 * 7 = <<5*7=35>>35 eggs.\n#### 35",
  },
  {
    "question": "Ana earns $9 an hour and works 8 hours. How much does she earn?",
    "answer": "She earns 9 * 8 = <<9*8=72>>72 dollars.\n#### 72",
  },
  {
    "question": "A class of 30 students splits into groups of 6. How many groups are there?",
    "answer": "There are 30 / 6 = <<30/6=5>>5 groups.\n#### 5",
  },
  {
    "question": "Ben had 20 cards and lost 8. How many are left?",
    "answer": "He has 20 - 8 = <<20-8=12>>12 cards.\n#### 12",
  },
] as const;

/** ARC-style rows (`question`, `choices.text/label`, `answerKey`): ARC-Easy test. */
export const ARC_EASY_TEST = [
  {
    "id": "E-1",
    "question": "Which part of a plant takes in water from the soil?",
    "choices": {
      "text": [
        "leaves",
        "roots",
        "flowers",
        "seeds",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "B",
  },
  {
    "id": "E-2",
    "question": "What is the main source of energy for Earth's weather?",
    "choices": {
      "text": [
        "the Moon",
        "the Sun",
        "volcanoes",
        "ocean tides",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "B",
  },
  {
    "id": "E-3",
    "question": "Which of these is a mammal?",
    "choices": {
      "text": [
        "shark",
        "frog",
        "whale",
        "lizard",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "C",
  },
  {
    "id": "E-4",
    "question": "What state of matter has a definite shape?",
    "choices": {
      "text": [
        "solid",
        "liquid",
        "gas",
        "plasma",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "A",
  },
  {
    "id": "E-5",
    "question": "Which tool measures temperature?",
    "choices": {
      "text": [
        "ruler",
        "balance",
        "thermometer",
        "magnet",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "C",
  },
  {
    "id": "E-6",
    "question": "What do bees mainly collect from flowers?",
    "choices": {
      "text": [
        "nectar",
        "bark",
        "sand",
        "salt",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "A",
  },
  {
    "id": "E-7",
    "question": "Which planet is closest to the Sun?",
    "choices": {
      "text": [
        "Venus",
        "Earth",
        "Mars",
        "Mercury",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "D",
  },
] as const;

/** ARC-style rows: ARC-Challenge test. */
export const ARC_CHALLENGE_TEST = [
  {
    "id": "C-1",
    "question": "A student pushes a cart and it speeds up. What does this show about force?",
    "choices": {
      "text": [
        "Force can change motion.",
        "Force has no effect on mass.",
        "Force only acts on liquids.",
        "Force always stops objects.",
      ],
      "label": [
        "1",
        "2",
        "3",
        "4",
      ],
    },
    "answerKey": "1",
  },
  {
    "id": "C-2",
    "question": "Which process in cells releases energy from food?",
    "choices": {
      "text": [
        "photosynthesis",
        "respiration",
        "osmosis",
        "diffusion",
      ],
      "label": [
        "1",
        "2",
        "3",
        "4",
      ],
    },
    "answerKey": "2",
  },
  {
    "id": "C-3",
    "question": "Why does a metal spoon feel colder than a wooden spoon at the same temperature?",
    "choices": {
      "text": [
        "Metal is always colder.",
        "Metal conducts heat away from the hand faster.",
        "Wood makes its own heat.",
        "Metal reflects light.",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "B",
  },
  {
    "id": "C-4",
    "question": "Which change is a chemical change?",
    "choices": {
      "text": [
        "ice melting",
        "paper burning",
        "glass breaking",
        "water boiling",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "B",
  },
  {
    "id": "C-5",
    "question":
      "What most likely happens to a population of deer if wolves are removed from an area?",
    "choices": {
      "text": [
        "It decreases.",
        "It increases.",
        "It stays exactly the same.",
        "It becomes extinct at once.",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "B",
  },
  {
    "id": "C-6",
    "question": "Which layer of Earth is made mostly of liquid iron and nickel?",
    "choices": {
      "text": [
        "crust",
        "mantle",
        "outer core",
        "inner core",
      ],
      "label": [
        "A",
        "B",
        "C",
        "D",
      ],
    },
    "answerKey": "C",
  },
] as const;

/** MMLU-style rows (`subject`, `question`, `choices`, `answer` index): the test split. */
export const MMLU_TEST = [
  {
    "subject": "abstract_algebra",
    "question": "Which of these is the order of the group of integers modulo 6 under addition?",
    "choices": [
      "3",
      "6",
      "12",
      "2",
    ],
    "answer": 1,
  },
  {
    "subject": "abstract_algebra",
    "question": "In a group, the identity element is",
    "choices": [
      "never unique",
      "unique",
      "always zero",
      "not defined",
    ],
    "answer": 1,
  },
  {
    "subject": "abstract_algebra",
    "question": "The set of even integers under addition is",
    "choices": [
      "not closed",
      "a group",
      "empty",
      "finite",
    ],
    "answer": 1,
  },
  {
    "subject": "philosophy",
    "question": "Who wrote the Republic?",
    "choices": [
      "Aristotle",
      "Plato",
      "Kant",
      "Hume",
    ],
    "answer": 1,
  },
  {
    "subject": "philosophy",
    "question": "Which branch of philosophy studies knowledge?",
    "choices": [
      "ethics",
      "aesthetics",
      "epistemology",
      "logic",
    ],
    "answer": 2,
  },
  {
    "subject": "philosophy",
    "question": "Utilitarianism judges actions by their",
    "choices": [
      "consequences",
      "intentions only",
      "traditions",
      "rituals",
    ],
    "answer": 0,
  },
  {
    "subject": "sociology",
    "question": "The study of human populations is called",
    "choices": [
      "demography",
      "geology",
      "botany",
      "astronomy",
    ],
    "answer": 0,
  },
  {
    "subject": "sociology",
    "question": "A norm is best described as",
    "choices": [
      "a law of physics",
      "a shared rule of behaviour",
      "a type of tool",
      "a census",
    ],
    "answer": 1,
  },
  {
    "subject": "marketing",
    "question": "The four Ps of marketing include product, price, place and",
    "choices": [
      "promotion",
      "payroll",
      "planning",
      "profit",
    ],
    "answer": 0,
  },
  {
    "subject": "marketing",
    "question": "A target market is",
    "choices": [
      "every person alive",
      "a chosen group of customers",
      "a stock index",
      "a shop floor",
    ],
    "answer": 1,
  },
  {
    "subject": "sociology",
    "question": "Socialization is the process by which people",
    "choices": [
      "learn the norms of their society",
      "grow taller",
      "change their blood type",
      "forget languages",
    ],
    "answer": 0,
  },
  {
    "subject": "marketing",
    "question": "A brand is best described as",
    "choices": [
      "a factory",
      "a name and identity that sets a product apart",
      "a tax",
      "a shipping route",
    ],
    "answer": 1,
  },
] as const;

/** MMLU-style rows: the few-shot (dev) split, five per subject. */
export const MMLU_DEV = [
  {
    "subject": "abstract_algebra",
    "question": "Example 1 question about abstract algebra?",
    "choices": [
      "option w of example 1",
      "option x of example 1",
      "option y of example 1",
      "option z of example 1",
    ],
    "answer": 0,
  },
  {
    "subject": "abstract_algebra",
    "question": "Example 2 question about abstract algebra?",
    "choices": [
      "option w of example 2",
      "option x of example 2",
      "option y of example 2",
      "option z of example 2",
    ],
    "answer": 1,
  },
  {
    "subject": "abstract_algebra",
    "question": "Example 3 question about abstract algebra?",
    "choices": [
      "option w of example 3",
      "option x of example 3",
      "option y of example 3",
      "option z of example 3",
    ],
    "answer": 2,
  },
  {
    "subject": "abstract_algebra",
    "question": "Example 4 question about abstract algebra?",
    "choices": [
      "option w of example 4",
      "option x of example 4",
      "option y of example 4",
      "option z of example 4",
    ],
    "answer": 3,
  },
  {
    "subject": "abstract_algebra",
    "question": "Example 5 question about abstract algebra?",
    "choices": [
      "option w of example 5",
      "option x of example 5",
      "option y of example 5",
      "option z of example 5",
    ],
    "answer": 0,
  },
  {
    "subject": "philosophy",
    "question": "Example 1 question about philosophy?",
    "choices": [
      "option w of example 1",
      "option x of example 1",
      "option y of example 1",
      "option z of example 1",
    ],
    "answer": 0,
  },
  {
    "subject": "philosophy",
    "question": "Example 2 question about philosophy?",
    "choices": [
      "option w of example 2",
      "option x of example 2",
      "option y of example 2",
      "option z of example 2",
    ],
    "answer": 1,
  },
  {
    "subject": "philosophy",
    "question": "Example 3 question about philosophy?",
    "choices": [
      "option w of example 3",
      "option x of example 3",
      "option y of example 3",
      "option z of example 3",
    ],
    "answer": 2,
  },
  {
    "subject": "philosophy",
    "question": "Example 4 question about philosophy?",
    "choices": [
      "option w of example 4",
      "option x of example 4",
      "option y of example 4",
      "option z of example 4",
    ],
    "answer": 3,
  },
  {
    "subject": "philosophy",
    "question": "Example 5 question about philosophy?",
    "choices": [
      "option w of example 5",
      "option x of example 5",
      "option y of example 5",
      "option z of example 5",
    ],
    "answer": 0,
  },
  {
    "subject": "sociology",
    "question": "Example 1 question about sociology?",
    "choices": [
      "option w of example 1",
      "option x of example 1",
      "option y of example 1",
      "option z of example 1",
    ],
    "answer": 0,
  },
  {
    "subject": "sociology",
    "question": "Example 2 question about sociology?",
    "choices": [
      "option w of example 2",
      "option x of example 2",
      "option y of example 2",
      "option z of example 2",
    ],
    "answer": 1,
  },
  {
    "subject": "sociology",
    "question": "Example 3 question about sociology?",
    "choices": [
      "option w of example 3",
      "option x of example 3",
      "option y of example 3",
      "option z of example 3",
    ],
    "answer": 2,
  },
  {
    "subject": "sociology",
    "question": "Example 4 question about sociology?",
    "choices": [
      "option w of example 4",
      "option x of example 4",
      "option y of example 4",
      "option z of example 4",
    ],
    "answer": 3,
  },
  {
    "subject": "sociology",
    "question": "Example 5 question about sociology?",
    "choices": [
      "option w of example 5",
      "option x of example 5",
      "option y of example 5",
      "option z of example 5",
    ],
    "answer": 0,
  },
  {
    "subject": "marketing",
    "question": "Example 1 question about marketing?",
    "choices": [
      "option w of example 1",
      "option x of example 1",
      "option y of example 1",
      "option z of example 1",
    ],
    "answer": 0,
  },
  {
    "subject": "marketing",
    "question": "Example 2 question about marketing?",
    "choices": [
      "option w of example 2",
      "option x of example 2",
      "option y of example 2",
      "option z of example 2",
    ],
    "answer": 1,
  },
  {
    "subject": "marketing",
    "question": "Example 3 question about marketing?",
    "choices": [
      "option w of example 3",
      "option x of example 3",
      "option y of example 3",
      "option z of example 3",
    ],
    "answer": 2,
  },
  {
    "subject": "marketing",
    "question": "Example 4 question about marketing?",
    "choices": [
      "option w of example 4",
      "option x of example 4",
      "option y of example 4",
      "option z of example 4",
    ],
    "answer": 3,
  },
  {
    "subject": "marketing",
    "question": "Example 5 question about marketing?",
    "choices": [
      "option w of example 5",
      "option x of example 5",
      "option y of example 5",
      "option z of example 5",
    ],
    "answer": 0,
  },
] as const;
