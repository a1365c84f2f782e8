import { ValidationError, bool, int, model, str } from "playground/validation";
import { FastAPI, TestClient } from "playground/web";

// Each rule where it belongs: lengths and ranges as constraints on the field, the digit rule as a
// field validator (it runs once the password is a long enough string), the match as a model
// validator (it runs once every field is valid). Validation then reports every error at once.
export const Signup = model(
  "Signup",
  {
    username: str({ minLength: 3 }),
    email: str({ pattern: "^[^@ ]+@[^@ ]+$" }),
    password: str({ minLength: 8 }),
    password_repeat: str(),
    age: int({ ge: 13 }),
    newsletter: bool({ default: false }),
  },
  {
    fieldValidators: {
      password: (password) => {
        if (!/[0-9]/.test(password)) throw new Error("password needs a digit");
        return password;
      },
    },
    modelValidators: [
      (signup) => {
        if (signup.password !== signup.password_repeat) throw new Error("passwords do not match");
        return signup;
      },
    ],
  },
);

export const app = new FastAPI();

// POST /signup: the body is declared as a Signup, so FastAPI validates it before the endpoint
// runs, and answers 422 with every error (each loc starting with "body") when it is not one.
app.post("/signup", ({ signup }) => ({ username: signup.username, newsletter: signup.newsletter }), { body: { signup: Signup } });

// What the form sends: every value as text.
const form = { username: "al", email: "al@example.com", password: "secret", password_repeat: "secret", age: "12.5", newsletter: "yes" };
try {
  console.log(Signup.validate(form));
} catch (e) {
  if (!(e instanceof ValidationError)) throw e;
  for (const err of e.errors()) console.log(JSON.stringify(err.loc), err.type, "—", err.msg);
}

// The same form sent to the endpoint, as a browser would (a server answers 500 to an error that
// escapes the app; the TestClient would rethrow it without raiseServerExceptions: false).
const res = await new TestClient(app, { raiseServerExceptions: false }).post("/signup", { json: form });
console.log(`POST /signup → ${res.status} ${res.text()}`);
