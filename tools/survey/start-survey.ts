// survey.start_survey: open a sales survey record for a customer and property. Low risk: the rep approves it in one tap.
import { z } from "zod";
import { getCustomer, propertiesOf } from "../../store/repos/customers.ts";
import { insertSurvey, SurveyPropertySchema } from "../../store/repos/field-sales.ts";
import { defineTool, failure, KernelError, type ToolContext } from "../kernel/index.ts";
import { blankSurveyData, ratesOf, SURVEY_ROLES, SurveyViewSchema, surveyView, withDerived } from "./survey-io.ts";

const PropertyInput = SurveyPropertySchema.extend({
  sqft: z.number().int().positive().nullable().optional(),
  yearBuilt: z.number().int().min(1700).max(2100).nullable().optional(),
  stories: z.number().int().min(1).max(6).nullable().optional(),
});

const Input = z.object({
  customerId: z.string().min(1),
  propertyId: z.string().min(1).optional().describe("A property already on the customer's record"),
  property: PropertyInput.optional().describe("The address and basics, when no property record exists yet"),
});

/** The property basics for the new survey, from the customer's record or the typed address; null when neither fits. */
async function propertyFor(input: z.output<typeof Input>, ctx: Pick<ToolContext, "db" | "tenantId">) {
  if (input.propertyId) {
    const found = (await propertiesOf(ctx.db, ctx.tenantId, input.customerId)).find((p) => p.id === input.propertyId);
    if (!found) return null;
    return {
      street: found.street,
      city: found.city,
      state: found.state,
      zip: found.zip,
      sqft: found.sqft,
      yearBuilt: found.yearBuilt,
      stories: null,
    };
  }
  if (!input.property) return null;
  return {
    ...input.property,
    sqft: input.property.sqft ?? null,
    yearBuilt: input.property.yearBuilt ?? null,
    stories: input.property.stories ?? null,
  };
}

export const startSurveyTool = defineTool({
  name: "survey.start_survey",
  title: "Start a survey",
  description:
    "Opens a sales survey for a customer, from one of their property records (propertyId) or a typed address with " +
    "square footage and year built. Low risk: the rep approves it in one tap. Then fill it in with " +
    "survey.update_survey and confirm the utilities with survey.confirm_utility. It does not price or propose anything.",
  effect: "write",
  risk: "low",
  roles: SURVEY_ROLES,
  input: Input,
  output: SurveyViewSchema,
  refs: { customerId: "customer", propertyId: "property" },
  example: {
    customerId: "cus_0000000000000000",
    property: {
      street: "1420 Juniper Demo Ln",
      city: "Brighton",
      state: "CO",
      zip: "80601",
      sqft: 2000,
      yearBuilt: 1975,
    },
  },
  async guard(input, ctx) {
    if (!(await propertyFor(input, ctx))) {
      return {
        refuse: failure(
          "invalid_input",
          input.propertyId
            ? "That property does not belong to this customer."
            : "Give either propertyId (a property on the customer's record) or property (the address and basics).",
        ),
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const customer = await getCustomer(ctx.db, ctx.tenantId, input.customerId);
    const property = await propertyFor(input, ctx);
    if (!customer || !property) throw new KernelError("survey_basis_missing", "customer or property vanished");
    return {
      summary: `Start a survey for ${customer.name} at ${property.street}, ${property.city} ${property.state} ${property.zip}.`,
      changes: [{ entity: "survey", id: "(new)", field: "property", before: null, after: property }],
      basis: [{ entity: "customer", id: customer.id, version: customer.version }],
    };
  },
  async run(input, ctx) {
    const property = await propertyFor(input, ctx);
    if (!property) throw new KernelError("survey_basis_missing", "property vanished inside the apply transaction");
    const data = withDerived(blankSurveyData(property), ctx.now, ratesOf(ctx));
    data.stamps.push({ what: "survey started", by: ctx.actor.id, at: ctx.now.toISOString() });
    const created = await insertSurvey(ctx.db, ctx.tenantId, {
      customerId: input.customerId,
      createdBy: ctx.actor.id,
      data,
      now: ctx.now.toISOString(),
    });
    return surveyView(created);
  },
});
