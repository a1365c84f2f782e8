import { defineChecks, expect } from "playground/checks";
import type * as Solution from "./solution";

export default defineChecks<typeof Solution>([
  {
    name: "Your module prints something",
    hint: "Call console.log with anything at the top level of your code.",
    run: (_learner, { logs }) => {
      expect(logs.length, "lines printed with console.log").to.be.greaterThan(0);
    },
  },
  {
    name: "greet says hello by name",
    hint: ['greet("Ada") must return exactly "Hello, Ada!" — mind the comma and the "!".', "A template literal helps: `Hello, ${name}!`"],
    run: ({ greet }) => {
      expect(greet("Ada")).to.equal("Hello, Ada!");
      expect(greet("Grace")).to.equal("Hello, Grace!");
    },
  },
  {
    name: "reasonPhrase knows 200, 404 and 500",
    hint: ["Compare status with each code and return the matching words.", "An object such as { 200: \"OK\", … } used as a lookup table keeps this short."],
    run: ({ reasonPhrase }) => {
      expect(reasonPhrase(200)).to.equal("OK");
      expect(reasonPhrase(404)).to.equal("Not Found");
      expect(reasonPhrase(500)).to.equal("Internal Server Error");
    },
  },
  {
    name: "reasonPhrase answers Unknown for any other code",
    hint: "After the known codes, return \"Unknown\".",
    run: ({ reasonPhrase }) => {
      for (const code of [201, 418, 503, 999]) expect(reasonPhrase(code), `reasonPhrase(${code})`).to.equal("Unknown");
    },
  },
]);
