import { ValidationError, float, model, str } from "playground/validation";
import { FastAPI, TestClient } from "playground/web";

// An account form's model. The form sends every value as text. The rules were written the way
// hand-written checks usually are: one function at the end that tests them in turn.
export const Signup = model(
  "Signup",
  {
    username: str(),
    email: str({ pattern: "^[^@ ]+@[^@ ]+$" }),
    password: str(),
    password_repeat: str(),
    age: float(),
    newsletter: str({ default: "no" }),
  },
  {
    modelValidators: [
      (signup) => {
        if (signup.username.length < 3) throw new Error("username is too short");
        if (signup.password.length < 8) throw new Error("password is too short");
        if (!/[0-9]/.test(signup.password)) throw new Error("password needs a digit");
        if (signup.password !== signup.password_repeat) throw new Error("passwords do not match");
        if (signup.age < 13) throw new Error("you must be 13 or older");
        return signup;
      },
    ],
  },
);

export const app = new FastAPI();

// POST /signup: reads the form's JSON body and validates it.
app.post("/signup", async (_params, { request }) => {
  const signup = Signup.validate(await request.json());
  return { username: signup.username, newsletter: signup.newsletter };
});

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
