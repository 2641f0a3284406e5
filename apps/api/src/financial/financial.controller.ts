import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, etagOf, parseIfMatch } from '@oversing/platform';
import { Permission } from '../access/permissions';
import {
  CreateBudgetDto,
  CreateContractDto,
  CreateExchangeRateDto,
  CreateExpenseDto,
  CreateInvoiceDto,
  CreatePaymentDto,
  DecideExpenseDto,
  UpdateBudgetDto,
  UpdateContractDto,
  UpdateInvoiceDto,
} from './dto/financial.dto';
import { publicBudget, publicContract, publicExchangeRate, publicExpense } from './financial.entities';
import { FinancialService } from './financial.service';
import {
  GenerateInvoiceUseCase,
  InvoicesService,
  IssueInvoiceUseCase,
  RecordPaymentUseCase,
} from './invoices.service';

const READ = { permission: Permission.FinancialRead };
const WRITE = { permission: Permission.FinancialWrite };
const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag of the version being edited' };

function withEtag<T extends { version: number }>(
  reply: FastifyReply,
  entity: T,
  view: (e: T) => Record<string, unknown>,
): Record<string, unknown> {
  void reply.header('etag', etagOf(entity.version));
  return view(entity);
}

@ApiTags('financial')
@Controller('api/v1/financial')
export class FinancialController {
  constructor(private readonly financial: FinancialService) {}

  @Get('exchange-rates')
  @Authenticated(READ)
  listRates(): Promise<Record<string, unknown>[]> {
    return this.financial.listRates();
  }

  @Post('exchange-rates')
  @Authenticated(WRITE)
  @ApiOkResponse({ description: 'A dated exact rate: `rate` as a decimal string, or numerator/denominator' })
  async createRate(@Body() dto: CreateExchangeRateDto): Promise<Record<string, unknown>> {
    return publicExchangeRate(await this.financial.createRate(dto));
  }

  @Get('contracts')
  @Authenticated(READ)
  listContracts(): Promise<Record<string, unknown>[]> {
    return this.financial.listContracts();
  }

  @Post('contracts')
  @Authenticated(WRITE)
  async createContract(
    @Body() dto: CreateContractDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return withEtag(reply, await this.financial.createContract(dto), publicContract);
  }

  @Get('contracts/:id')
  @Authenticated(READ)
  async getContract(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return withEtag(reply, await this.financial.getContract(id), publicContract);
  }

  @Patch('contracts/:id')
  @Authenticated(WRITE)
  @ApiHeader(IF_MATCH)
  async updateContract(
    @Param('id') id: string,
    @Body() dto: UpdateContractDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return withEtag(
      reply,
      await this.financial.updateContract(id, dto, parseIfMatch(ifMatch)),
      publicContract,
    );
  }

  @Get('budgets')
  @Authenticated(READ)
  listBudgets(): Promise<Record<string, unknown>[]> {
    return this.financial.listBudgets();
  }

  @Post('budgets')
  @Authenticated(WRITE)
  async createBudget(
    @Body() dto: CreateBudgetDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return withEtag(reply, await this.financial.createBudget(dto), publicBudget);
  }

  @Get('budgets/:id')
  @Authenticated(READ)
  @ApiOkResponse({ description: 'Planned vs actual (approved billable time and approved expenses)' })
  budget(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.financial.budgetReport(id);
  }

  @Patch('budgets/:id')
  @Authenticated(WRITE)
  @ApiHeader(IF_MATCH)
  async updateBudget(
    @Param('id') id: string,
    @Body() dto: UpdateBudgetDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return withEtag(reply, await this.financial.updateBudget(id, dto, parseIfMatch(ifMatch)), publicBudget);
  }

  @Get('expenses')
  @Authenticated(READ)
  @ApiQuery({ name: 'filter[program]', required: false })
  @ApiQuery({ name: 'filter[status]', required: false })
  listExpenses(@Query() query: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return this.financial.listExpenses(query);
  }

  @Post('expenses')
  @Authenticated(WRITE)
  async createExpense(@Body() dto: CreateExpenseDto): Promise<Record<string, unknown>> {
    return publicExpense(await this.financial.createExpense(dto));
  }

  @Get('expenses/:id')
  @Authenticated(READ)
  async getExpense(@Param('id') id: string): Promise<Record<string, unknown>> {
    return publicExpense(await this.financial.getExpense(id));
  }

  @Post('expenses/:id/decision')
  @HttpCode(200)
  @Authenticated(WRITE)
  @ApiOkResponse({ description: 'Approves or rejects a submitted expense (not one’s own)' })
  async decideExpense(
    @Param('id') id: string,
    @Body() dto: DecideExpenseDto,
  ): Promise<Record<string, unknown>> {
    return publicExpense(await this.financial.decideExpense(id, dto));
  }
}

@ApiTags('financial')
@Controller('api/v1/financial/invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly generate: GenerateInvoiceUseCase,
    private readonly issueInvoice: IssueInvoiceUseCase,
    private readonly recordPayment: RecordPaymentUseCase,
  ) {}

  @Get()
  @Authenticated(READ)
  @ApiQuery({ name: 'filter[status]', required: false })
  @ApiQuery({ name: 'filter[contract]', required: false })
  list(@Query() query: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return this.invoices.list(query);
  }

  @Post()
  @Authenticated(WRITE)
  @ApiOkResponse({ description: 'Drafts an invoice from approved billable time and expenses of the period' })
  create(@Body() dto: CreateInvoiceDto): Promise<Record<string, unknown>> {
    return this.generate.execute(dto);
  }

  @Get(':id')
  @Authenticated(READ)
  get(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.invoices.get(id);
  }

  @Patch(':id')
  @Authenticated(WRITE)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ description: 'Edits a draft; issued invoices are immutable (422)' })
  update(
    @Param('id') id: string,
    @Body() dto: UpdateInvoiceDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<Record<string, unknown>> {
    return this.invoices.update(id, dto, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated(WRITE)
  @ApiOkResponse({ description: 'Deletes a draft and releases its items' })
  remove(@Param('id') id: string): Promise<void> {
    return this.invoices.removeDraft(id);
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Authenticated(WRITE)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ description: 'Numbers the draft (INV-YYYY-NNNN, gap-free per tenant) and issues it' })
  issue(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<Record<string, unknown>> {
    return this.issueInvoice.execute(id, parseIfMatch(ifMatch));
  }

  @Post(':id/payments')
  @HttpCode(200)
  @Authenticated(WRITE)
  @ApiOkResponse({ description: 'Records a partial or full payment; overpayment is refused (422)' })
  pay(@Param('id') id: string, @Body() dto: CreatePaymentDto): Promise<Record<string, unknown>> {
    return this.recordPayment.execute(id, dto);
  }

  @Post(':id/void')
  @HttpCode(200)
  @Authenticated(WRITE)
  void(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.invoices.void(id);
  }
}
