import { defineChecks, expect } from "playground/checks";
import { TestClient } from "playground/web";
import type * as Solution from "./solution";

type Model = typeof Solution.Signup;

const GOOD = { username: "ada_l", email: "ada@example.com", password: "engine1843", password_repeat: "engine1843", age: "36", newsletter: "yes" };

/** The errors Signup finds in `input`, as {type, loc, msg} in Pydantic's order; [] when it is valid. */
function errorsOf(Signup: Model, input: unknown) {
  const result = Signup.check(input);
  return result.ok ? [] : result.errors.map(({ type, loc, msg }) => ({ type, loc, msg }));
}

const tooShort = (field: string, n: number) => ({ type: "string_too_short", loc: [field], msg: `String should have at least ${n} characters` });
const INT_PARSING = "Input should be a valid integer, unable to parse string as an integer";

export default defineChecks<typeof Solution>([
  {
    name: "A good signup is accepted, its form strings converted",
    hint: [
      'The form sends "36" and "yes": which field types turn them into 36 and true?',
      "age is a whole number: int(). newsletter is a yes/no: bool({ default: false }) converts \"yes\", \"on\", \"1\"… and is false when left out.",
    ],
    run: ({ Signup }) => {
      expect(errorsOf(Signup, GOOD), "errors for a good signup").to.deep.equal([]);
      expect(Signup.validate(GOOD), "Signup.validate(good signup)").to.deep.equal({ ...GOOD, age: 36, newsletter: true });
      const { newsletter: _, ...without } = GOOD;
      expect(Signup.validate(without).newsletter, "newsletter when the form leaves it out").to.equal(false);
      expect(Signup.validate({ ...GOOD, newsletter: "off" }).newsletter, 'newsletter: "off"').to.equal(false);
    },
  },
  {
    name: "Several mistakes are reported at once, each at its field",
    hint: [
      "A model validator runs only when every field is valid, and it can only throw once: the client learns one mistake per attempt.",
      "Make the lengths constraints of their fields: str({ minLength: 3 }) for username, str({ minLength: 8 }) for password. Then every field reports its own error.",
    ],
    run: ({ Signup }) => {
      const input = { username: "al", email: "al@example.com", password: "secret", password_repeat: "secret", age: "twelve" };
      expect(errorsOf(Signup, input), "errors for a short username, a short password and age \"twelve\"").to.deep.equal([
        tooShort("username", 3),
        tooShort("password", 8),
        { type: "int_parsing", loc: ["age"], msg: INT_PARSING },
      ]);
    },
  },
  {
    name: 'A password without a digit is "Value error, password needs a digit" at password',
    hint: [
      "The error must name the field (loc [\"password\"]), and must be reported even when the email is wrong too.",
      "Move the digit rule into fieldValidators: { password: (p) => { …; return p; } }. It runs once the password itself is valid, whatever the other fields do.",
    ],
    run: ({ Signup }) => {
      expect(errorsOf(Signup, { ...GOOD, password: "analytical", password_repeat: "analytical" }), "errors for the password \"analytical\"").to.deep.equal([
        { type: "value_error", loc: ["password"], msg: "Value error, password needs a digit" },
      ]);
      const alsoEmail = { ...GOOD, email: "ada.example.com", password: "analytical", password_repeat: "analytical" };
      expect(errorsOf(Signup, alsoEmail), "errors for a bad email and the password \"analytical\"").to.deep.equal([
        { type: "string_pattern_mismatch", loc: ["email"], msg: "String should match pattern '^[^@ ]+@[^@ ]+$'" },
        { type: "value_error", loc: ["password"], msg: "Value error, password needs a digit" },
      ]);
    },
  },
  {
    name: "Two different passwords are one error for the whole model",
    hint: ["Comparing two fields needs the whole object: a model validator that throws new Error(\"passwords do not match\")."],
    run: ({ Signup }) => {
      expect(errorsOf(Signup, { ...GOOD, password_repeat: "engine1844" }), "errors for passwords that differ").to.deep.equal([
        { type: "value_error", loc: [], msg: "Value error, passwords do not match" },
      ]);
    },
  },
  {
    name: "age is a whole number of at least 13",
    hint: [
      "float() accepts 36.5, and a check in the model validator is pinned on the whole model, not on age.",
      "int({ ge: 13 }): Pydantic then refuses \"12\" with greater_than_equal and 36.5 with int_from_float.",
    ],
    run: ({ Signup }) => {
      expect(errorsOf(Signup, { ...GOOD, age: "12" }), 'errors for age "12"').to.deep.equal([
        { type: "greater_than_equal", loc: ["age"], msg: "Input should be greater than or equal to 13" },
      ]);
      expect(errorsOf(Signup, { ...GOOD, age: 36.5 }), "errors for age 36.5").to.deep.equal([
        { type: "int_from_float", loc: ["age"], msg: "Input should be a valid integer, got a number with a fractional part" },
      ]);
    },
  },
  {
    name: "POST /signup answers FastAPI's 422, every error under body",
    hint: [
      "A ValidationError raised inside the endpoint is an error in your app: the server answers 500, and the client learns nothing.",
      "Declare the body instead: app.post(\"/signup\", ({ signup }) => …, { body: { signup: Signup } }). FastAPI validates it before the endpoint runs.",
    ],
    run: async ({ app }) => {
      // As a server answers: an error that escapes the app is a 500, not an exception here.
      const client = new TestClient(app, { raiseServerExceptions: false });
      const good = await client.post("/signup", { json: GOOD });
      expect(good.status, "status of POST /signup with a good signup").to.equal(200);
      expect(good.json(), "body of POST /signup with a good signup").to.deep.equal({ username: "ada_l", newsletter: true });
      const bad = await client.post("/signup", { json: { ...GOOD, username: "al", age: "twelve" } });
      expect(bad.status, "status of POST /signup with a short username and age \"twelve\"").to.equal(422);
      const detail = (bad.json() as { detail: { type: string; loc: (string | number)[]; msg: string }[] }).detail;
      expect(
        detail.map(({ type, loc, msg }) => ({ type, loc, msg })),
        "the 422's detail",
      ).to.deep.equal([
        { type: "string_too_short", loc: ["body", "username"], msg: "String should have at least 3 characters" },
        { type: "int_parsing", loc: ["body", "age"], msg: INT_PARSING },
      ]);
    },
  },
]);
